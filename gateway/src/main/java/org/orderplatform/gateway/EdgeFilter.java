package org.orderplatform.gateway;

import java.net.InetSocketAddress;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * What every request gets at the edge, before it is routed: a correlation id (the caller's, when
 * it is one the nodes accept, else a new one, echoed on the answer), and the caller's address
 * noted for the canary decision of callers without a key.
 */
final class EdgeFilter implements GlobalFilter, Ordered {

    static final String CORRELATION_ID = "X-Correlation-Id";
    static final String CLIENT_ADDRESS = EdgeFilter.class.getName() + ".clientAddress";
    // the nodes' rule (docs/middleware.md): 1-64 of A-Z a-z 0-9 . _ : -
    private static final Pattern VALID_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String id = request.getHeaders().getFirst(CORRELATION_ID);
        if (id == null || !VALID_ID.matcher(id).matches()) {
            id = UUID.randomUUID().toString();
        }
        String correlationId = id;
        InetSocketAddress remote = request.getRemoteAddress();
        exchange.getAttributes()
                .put(
                        CLIENT_ADDRESS,
                        remote == null ? "unknown" : remote.getAddress().getHostAddress());
        exchange.getResponse().getHeaders().set(CORRELATION_ID, correlationId);
        ServerHttpRequest withId = request.mutate()
                .headers(headers -> headers.set(CORRELATION_ID, correlationId))
                .build();
        return chain.filter(exchange.mutate().request(withId).build());
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
