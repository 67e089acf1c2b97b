package org.orderplatform.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.loadbalancer.DefaultResponse;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The canary's automatic rollback, attempt by attempt as the gateway's filter chain reports them.
 * The integration tests roll back on errors and open breakers; the latency rule is shown here,
 * where the canary's answers can be made slow on purpose (real delays, far beyond the margin).
 */
class CanaryGuardTest {

    private static final int MIN_SAMPLES = 5;

    private final CanaryShare share = new CanaryShare(20);
    private final CanaryGuard guard = new CanaryGuard(
            share,
            new CanaryProperties(
                    20, List.of(1.0, 100.0), Duration.ofMinutes(1), MIN_SAMPLES, 0.05, 2.0, Duration.ofMillis(100)),
            new SimpleMeterRegistry(),
            new NodeBreakers());

    @Test
    void aCanaryWhoseP99IsTwiceStablesAndMoreThanTheMarginIsRolledBack() {
        attempts("stable-1", "stable", MIN_SAMPLES, HttpStatus.OK, Duration.ZERO);
        attempts("canary-1", "canary", MIN_SAMPLES, HttpStatus.OK, Duration.ofSeconds(1));

        assertThat(share.percent()).isZero();
        assertThat(guard.lastRollback().reason()).startsWith("p99 latency").contains("on canary");
        assertThat(guard.lastRollback().fromPercent()).isEqualTo(20);
    }

    @Test
    void aCanaryFailingMoreOftenThanStableIsRolledBackBeforeItsBreakerOpens() {
        attempts("stable-1", "stable", MIN_SAMPLES, HttpStatus.OK, Duration.ZERO);
        // 1 of 5 failed, against none on stable; its breaker needs 10 attempts to judge
        attempts("canary-1", "canary", 4, HttpStatus.OK, Duration.ZERO);
        attempts("canary-1", "canary", 1, HttpStatus.SERVICE_UNAVAILABLE, Duration.ZERO);

        assertThat(share.percent()).isZero();
        assertThat(guard.lastRollback().reason())
                .isEqualTo("error rate 20.0 % on canary against 0.0 % on stable (5 and 5 answers)");
    }

    @Test
    void tooFewAnswersOnATrackAreNotJudged() {
        attempts("stable-1", "stable", MIN_SAMPLES - 1, HttpStatus.OK, Duration.ZERO);
        attempts("canary-1", "canary", MIN_SAMPLES, HttpStatus.SERVICE_UNAVAILABLE, Duration.ZERO);

        assertThat(share.percent()).isEqualTo(20);
        assertThat(guard.lastRollback()).isNull();
    }

    @Test
    void aCanaryAsFastAndAsSoundAsStableKeepsItsShare() {
        attempts("stable-1", "stable", MIN_SAMPLES, HttpStatus.OK, Duration.ofMillis(50));
        attempts("canary-1", "canary", MIN_SAMPLES, HttpStatus.OK, Duration.ZERO);

        assertThat(share.percent()).isEqualTo(20);
        assertThat(guard.lastRollback()).isNull();
    }

    /** Attempts answered by one node, side by side (each is delayed by {@code delay}). */
    private void attempts(String node, String track, int count, HttpStatus status, Duration delay) {
        Flux.range(0, count)
                .flatMap(attempt -> {
                    MockServerWebExchange exchange =
                            MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/orders"));
                    exchange.getAttributes()
                            .put(
                                    ServerWebExchangeUtils.GATEWAY_LOADBALANCER_RESPONSE_ATTR,
                                    new DefaultResponse(new DefaultServiceInstance(
                                            node,
                                            NodeInstances.SERVICE,
                                            "127.0.0.1",
                                            8080,
                                            false,
                                            Map.of(NodeInstances.TRACK, track))));
                    GatewayFilterChain answer = answered -> Mono.delay(delay)
                            .then(Mono.fromRunnable(() -> answered.getResponse().setStatusCode(status)));
                    return guard.filter(exchange, answer);
                })
                .blockLast(Duration.ofSeconds(30));
    }
}
