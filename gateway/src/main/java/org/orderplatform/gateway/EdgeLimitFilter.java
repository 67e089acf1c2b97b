package org.orderplatform.gateway;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The edge's own limits, before a request is routed: a body declared larger than the nodes take
 * is 413, and a client (its API key, else its address) over its coarse budget is 429 with
 * {@code Retry-After}, from a Bucket4j bucket per client in this gateway's memory. The nodes keep
 * their exact limits, shared through PostgreSQL; this one stops a flood before it reaches them.
 */
final class EdgeLimitFilter implements GlobalFilter, Ordered {

    static final String RETRY_AFTER = EdgeLimitFilter.class.getName() + ".retryAfter";

    private final EdgeLimitProperties limits;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterAccess(Duration.ofMinutes(10))
            .build();

    EdgeLimitFilter(EdgeLimitProperties limits) {
        this.limits = limits;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        long declared = exchange.getRequest().getHeaders().getContentLength();
        if (declared > limits.maxRequestBody().toBytes()) {
            return Mono.error(new ResponseStatusException(
                    HttpStatus.PAYLOAD_TOO_LARGE,
                    "The body is larger than " + limits.maxRequestBody().toKilobytes() + " KB"));
        }
        ConsumptionProbe probe = buckets.get(exchange.<String>getAttribute(EdgeFilter.CLIENT), key -> newBucket())
                .tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Math.max(
                    1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1);
            exchange.getAttributes().put(RETRY_AFTER, seconds);
            return Mono.error(new ResponseStatusException(
                    HttpStatus.TOO_MANY_REQUESTS, "Too many requests from this client at the gateway; retry later"));
        }
        return chain.filter(exchange);
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(limits.requestsPerClient())
                        .refillGreedy(limits.requestsPerClient(), limits.period())
                        .build())
                .build();
    }

    @Override
    public int getOrder() {
        // after the edge filter has noted the caller's address
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }
}
