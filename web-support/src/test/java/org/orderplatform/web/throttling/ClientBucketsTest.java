package org.orderplatform.web.throttling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ClientBucketsTest {

    private final ManualClock clock = new ManualClock();
    private final InMemoryBucketRows rows = new InMemoryBucketRows(clock);

    @Test
    void keepsOneBucketPerClient() {
        ClientBuckets node = node(0.02, 1_000, 100);

        assertThat(node.of("key:a", "client")).isSameAs(node.of("key:a", "client"));
        assertThat(node.of("key:a", "client")).isNotSameAs(node.of("key:b", "client"));
    }

    @Test
    void mostTokensAreGrantedWithoutARoundTrip() {
        ClientBuckets node = node(0.02, 1_000, 100); // up to 20 tokens granted locally

        for (int i = 0; i < 210; i++) {
            assertThat(node.of("key:a", "client").tryConsume(1)).isTrue();
        }

        assertThat(rows.roundTrips)
                .as("one write per 21 requests, and one read to find there was no row yet")
                .hasValue(10 + 1);
    }

    @Test
    void withoutAShareEveryRequestIsARoundTrip() {
        ClientBuckets node = node(0, 1_000, 100);

        for (int i = 0; i < 210; i++) {
            node.of("key:a", "client").tryConsume(1);
        }

        assertThat(rows.roundTrips).hasValue(210 + 1);
    }

    @Test
    void limitsBelowOneOverTheShareAreKeptExactlyAcrossNodes() {
        ClientBuckets first = node(0.02, 5, 100);
        ClientBuckets second = node(0.02, 5, 100);

        for (int i = 0; i < 5; i++) {
            assertThat((i % 2 == 0 ? first : second).of("key:a", "client").tryConsume(1))
                    .isTrue();
        }

        assertThat(first.of("key:a", "client").tryConsume(1)).isFalse();
        assertThat(second.of("key:a", "client").tryConsume(1)).isFalse();
        assertThat(rows.roundTrips).hasValue(7 + 1);
    }

    @Test
    void nodesGrantAtMostWhatTheOthersHoldUnwrittenBeyondTheSharedLimit() {
        // three nodes, a limit of 100 and T = 5 tokens granted locally: never more than
        // 100 + (3 - 1) * 5 in all, and never fewer than 100 (a copy never has fewer tokens than
        // the row), whatever the order of the requests (time stands still: no refill)
        for (int seed = 0; seed < 300; seed++) {
            InMemoryBucketRows shared = new InMemoryBucketRows(clock);
            List<ClientBuckets> nodes = IntStream.range(0, 3)
                    .mapToObj(i -> node(shared, 0.05, 100, 100))
                    .toList();
            Random random = new Random(seed);
            int granted = 0;
            for (int request = 0; request < 400; request++) {
                ClientBuckets node = nodes.get(random.nextInt(nodes.size()));
                if (node.of("key:a", "client").tryConsume(1)) {
                    granted++;
                }
            }
            assertThat(granted).as("seed %d", seed).isBetween(100, 110);
        }
    }

    @Test
    void aNodeWritesOnceTheLongestUnwrittenTimeHasPassed() {
        ClientBuckets node = node(0.5, 1_000, 100); // 500 tokens could be granted locally
        node.of("key:a", "client").tryConsume(1);
        int afterTheFirst = rows.roundTrips.get();
        node.of("key:a", "client").tryConsume(1);
        assertThat(rows.roundTrips).hasValue(afterTheFirst);

        clock.advance(Duration.ofMillis(1_001));
        node.of("key:a", "client").tryConsume(1);

        assertThat(rows.roundTrips).hasValue(afterTheFirst + 1);
    }

    @Test
    void bucketsDroppedOrHeldAtStopWriteWhatTheyGranted() throws Exception {
        ClientBuckets node = node(0.02, 1_000, 3); // room for 3 clients: most are dropped
        for (int client = 0; client < 10; client++) {
            for (int i = 0; i < 3; i++) {
                assertThat(node.of("key:" + client, "client").tryConsume(1)).isTrue();
            }
        }

        node.close();

        ClientBuckets other = node(0, 1_000, 100);
        for (int client = 0; client < 10; client++) {
            assertThat(other.of("key:" + client, "client")
                            .tryConsumeAndReturnRemaining(1)
                            .getRemainingTokens())
                    .as("client %d", client)
                    .isEqualTo(1_000 - 3 - 1);
        }
    }

    @Test
    void aPlanChangeReplacesTheStoredConfiguration() {
        node(0, 1_000, 100).of("key:a", "client").tryConsume(1);

        ClientBuckets changed = new ClientBuckets(rows, properties(0, 2_000, 100), clock, Runnable::run);

        assertThat(changed.of("key:a", "client").tryConsumeAndReturnRemaining(1).getRemainingTokens())
                .as("999 of 1000 left became 1998 of 2000, less this one")
                .isEqualTo(1_997);
    }

    private ClientBuckets node(double share, long limit, long size) {
        return node(rows, share, limit, size);
    }

    private ClientBuckets node(InMemoryBucketRows store, double share, long limit, long size) {
        return new ClientBuckets(store, properties(share, limit, size), clock, Runnable::run);
    }

    private static ThrottlingProperties properties(double share, long limit, long size) {
        return new ThrottlingProperties(
                true,
                Map.of("client", new ThrottlingProperties.Plan(limit, Duration.ofHours(1))),
                share,
                Duration.ofSeconds(1),
                size,
                Duration.ofMinutes(10));
    }
}
