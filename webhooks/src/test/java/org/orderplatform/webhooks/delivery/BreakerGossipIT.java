package org.orderplatform.webhooks.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.orderplatform.cluster.ClusterSettings;
import org.orderplatform.cluster.Membership;
import org.orderplatform.cluster.NodeMetadata;
import org.orderplatform.webhooks.WebhookProperties;

/**
 * Two dispatcher nodes as real gossip members on loopback: an endpoint breaker that opens on one
 * on the failures it saw is open on the other within a few gossip rounds, without a single
 * attempt of its own.
 */
class BreakerGossipIT {

    private static final WebhookProperties.Endpoint ENDPOINT =
            new WebhookProperties.Endpoint(4, 50, 90, 20, 10, 3, Duration.ofSeconds(30), Duration.ofDays(5));

    private Membership first;
    private Membership second;

    @AfterEach
    void leave() {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
    }

    @Test
    void aBreakerOpenedOnOneNodeIsOpenOnTheOthersWithinTheGossipPeriod() {
        first = member("dispatcher-1", List.of());
        second = member("dispatcher-2", List.of(first.gossipAddress()));
        EndpointGuards onFirst = new EndpointGuards(ENDPOINT);
        EndpointGuards onSecond = new EndpointGuards(ENDPOINT);
        BreakerGossip.connect(onFirst, first);
        BreakerGossip.connect(onSecond, second);
        await().atMost(Duration.ofSeconds(10)).until(() -> !second.alive().isEmpty());
        UUID endpoint = UUID.randomUUID();

        CircuitBreaker failing = onFirst.of(endpoint).breaker();
        while (failing.tryAcquirePermission()) {
            failing.onError(0, java.util.concurrent.TimeUnit.MILLISECONDS, new RuntimeException("503"));
        }

        // gossip rounds of 100 ms; a few rounds reach every member of a small cluster
        await().atMost(Duration.ofSeconds(5))
                .until(() -> onSecond.of(endpoint).breaker().getState() == CircuitBreaker.State.OPEN);
        assertThat(onSecond.of(endpoint).breaker().getMetrics().getNumberOfBufferedCalls())
                .as("no attempt of its own")
                .isZero();
        assertThat(onFirst.openBreakers()).containsExactly(endpoint);
    }

    private static Membership member(String id, List<String> seeds) {
        return new Membership(
                        ClusterSettings.loopback(seeds),
                        new NodeMetadata(id, "", "stable", "test", true, List.of("dispatcher")))
                .start();
    }
}
