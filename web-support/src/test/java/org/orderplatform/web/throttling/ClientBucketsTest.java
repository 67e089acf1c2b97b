package org.orderplatform.web.throttling;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
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
                .as("one write per 21 requests, and two reads to find there was no row yet and create it")
                .hasValue(10 + 2);
    }

    @Test
    void withoutAShareEveryRequestIsARoundTrip() {
        ClientBuckets node = node(0, 1_000, 100);

        for (int i = 0; i < 210; i++) {
            node.of("key:a", "client").tryConsume(1);
        }

        assertThat(rows.roundTrips).hasValue(210 + 2);
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
        assertThat(rows.roundTrips).hasValue(7 + 2);
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
    void concurrentFirstCallsOfAClientAreAllCounted() throws Exception {
        ClientBuckets node = node(0.02, 1_000, 100);
        // the first call's round trip is held until the others wait behind it: Bucket4j's
        // optimisation then sends those others as one merged command, to a bucket not yet created
        CountDownLatch othersWaiting = new CountDownLatch(1);
        AtomicBoolean first = new AtomicBoolean(true);
        rows.beforeRead = () -> {
            if (first.getAndSet(false)) {
                await(othersWaiting);
            }
        };
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<ConsumptionProbe>> calls = IntStream.range(0, 8)
                    .mapToObj(i -> callers.submit(() -> node.tryConsume("key:a", "client")))
                    .toList();
            Awaitility.await().until(() -> queuedThreads(callers) >= 7);
            othersWaiting.countDown();

            for (Future<ConsumptionProbe> call : calls) {
                assertThat(call.get(10, TimeUnit.SECONDS).isConsumed()).isTrue();
            }
        } finally {
            callers.shutdownNow();
        }
        node.close();
        assertThat(node(0, 1_000, 100).tryConsume("key:a", "client").getRemainingTokens())
                .as("all eight written to the row, and this one")
                .isEqualTo(1_000 - 9);
    }

    @Test
    void aPlanChangeReplacesTheStoredConfiguration() {
        node(0, 1_000, 100).of("key:a", "client").tryConsume(1);

        ClientBuckets changed = new ClientBuckets(rows, properties(0, 2_000, 100), clock, Runnable::run);

        assertThat(changed.of("key:a", "client").tryConsumeAndReturnRemaining(1).getRemainingTokens())
                .as("999 of 1000 left became 1998 of 2000, less this one")
                .isEqualTo(1_997);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Threads of the pool parked, i.e. waiting behind the held round trip. */
    private static long queuedThreads(ExecutorService pool) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("pool-"))
                .filter(thread ->
                        thread.getState() == Thread.State.WAITING || thread.getState() == Thread.State.TIMED_WAITING)
                .filter(thread -> java.util.Arrays.stream(thread.getStackTrace())
                        .anyMatch(frame -> frame.getClassName().contains("bucket4j")))
                .count();
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
