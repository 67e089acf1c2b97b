package org.orderplatform.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.ReactiveLoadBalancerClientFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Watches every attempt a node answers (a retried request counts once per node it reached): it
 * feeds each node's breaker ({@link NodeBreakers}), and rolls the canary back on its own: when, over the window, the canary's error rate exceeds
 * stable's by the margin, or its p99 latency is the factor times stable's (and the latency margin
 * more), with enough answers on both tracks to judge, its share goes to 0. A log line and the
 * metric {@code orders.gateway.canary.rollbacks} say why, and {@code GET /admin/canary} shows it.
 * Requests in flight are not lost: a failed canary attempt of a read or keyed write is retried on
 * another node (stable, when the canary is the only one of its track).
 */
final class CanaryGuard implements GlobalFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(CanaryGuard.class);

    private final CanaryShare share;
    private final NodeBreakers breakers;
    private final CanaryProperties properties;
    private final TrackWindow canary;
    private final TrackWindow stable;
    private final Counter rollbacks;
    private final AtomicReference<Rollback> lastRollback = new AtomicReference<>();

    CanaryGuard(CanaryShare share, CanaryProperties properties, MeterRegistry meters, NodeBreakers breakers) {
        this.breakers = breakers;
        this.share = share;
        this.properties = properties;
        this.canary = new TrackWindow(properties.window());
        this.stable = new TrackWindow(properties.window());
        this.rollbacks = Counter.builder("orders.gateway.canary.rollbacks")
                .description("Automatic canary rollbacks")
                .register(meters);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        long started = System.nanoTime();
        return chain.filter(exchange)
                .doOnSuccess(done -> {
                    HttpStatusCode status = exchange.getResponse().getStatusCode();
                    record(exchange, started, status != null && status.is5xxServerError());
                })
                .doOnError(failed -> record(exchange, started, true));
    }

    private void record(ServerWebExchange exchange, long started, boolean failed) {
        Object chosen = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_LOADBALANCER_RESPONSE_ATTR);
        if (!(chosen instanceof Response<?> response) || !(response.getServer() instanceof ServiceInstance node)) {
            return;
        }
        long now = System.nanoTime();
        breakers.record(node.getInstanceId(), failed, now - started);
        boolean isCanary =
                TrackAwareLoadBalancer.CANARY.equals(node.getMetadata().get(NodeInstances.TRACK));
        (isCanary ? canary : stable).record(now, failed, now - started);
        if (isCanary && !breakers.admits(node.getInstanceId())) {
            // failing hard enough that its node's breaker opened: no need to wait for more answers
            rollBack("the breaker of canary node " + node.getInstanceId() + " opened (at least half of its last"
                    + " attempts failed)");
        } else if (isCanary) {
            judge(now);
        }
    }

    private void judge(long now) {
        if (share.percent() == 0) {
            return;
        }
        TrackWindow.Stats onCanary = canary.stats(now);
        TrackWindow.Stats onStable = stable.stats(now);
        if (onCanary.requests() < properties.minSamples() || onStable.requests() < properties.minSamples()) {
            return;
        }
        String reason = null;
        if (onCanary.errorRate() > onStable.errorRate() + properties.errorMargin()) {
            reason = String.format(
                    Locale.ROOT,
                    "error rate %.1f %% on canary against %.1f %% on stable (%d and %d answers)",
                    onCanary.errorRate() * 100,
                    onStable.errorRate() * 100,
                    onCanary.requests(),
                    onStable.requests());
        } else if (onCanary.p99().toNanos() > onStable.p99().toNanos() * properties.latencyFactor()
                && onCanary.p99().minus(onStable.p99()).compareTo(properties.latencyMargin()) > 0) {
            reason = String.format(
                    Locale.ROOT,
                    "p99 latency %d ms on canary against %d ms on stable",
                    onCanary.p99().toMillis(),
                    onStable.p99().toMillis());
        }
        if (reason != null) {
            rollBack(reason);
        }
    }

    private synchronized void rollBack(String reason) {
        double was = share.percent();
        if (was == 0) {
            return;
        }
        share.set(0);
        rollbacks.increment();
        lastRollback.set(new Rollback(Instant.now(), was, reason));
        log.warn("Canary rolled back automatically from {} % to 0 %: {}", was, reason);
    }

    /** A new share starts a new comparison: the old answers judged the old release. */
    void restart() {
        canary.clear();
        stable.clear();
    }

    Rollback lastRollback() {
        return lastRollback.get();
    }

    TrackWindow.Stats canaryStats() {
        return canary.stats(System.nanoTime());
    }

    TrackWindow.Stats stableStats() {
        return stable.stats(System.nanoTime());
    }

    @Override
    public int getOrder() {
        // right after the node is chosen: each attempt, on the node that made it
        return ReactiveLoadBalancerClientFilter.LOAD_BALANCER_CLIENT_FILTER_ORDER + 1;
    }

    record Rollback(Instant at, double fromPercent, String reason) {}
}
