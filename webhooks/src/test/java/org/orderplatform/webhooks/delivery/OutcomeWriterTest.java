package org.orderplatform.webhooks.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;

class OutcomeWriterTest {

    private static final Duration LEASE = Duration.ofSeconds(90);
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final LeasedTable table = new LeasedTable();
    private OutcomeWriter writer;

    @AfterEach
    void stop() {
        if (writer != null) {
            writer.stop();
        }
    }

    @Test
    void writesWhatArrivedDuringABatchAsTheNextBatch() throws Exception {
        CountDownLatch firstBatchWriting = new CountDownLatch(1);
        CountDownLatch letFirstBatchEnd = new CountDownLatch(1);
        List<Integer> batchSizes = new CopyOnWriteArrayList<>();
        start(batch -> {
            batchSizes.add(batch.size());
            if (batchSizes.size() == 1) {
                firstBatchWriting.countDown();
                await(letFirstBatchEnd);
            }
            table.record(batch);
        });

        writer.submit(table.outcome());
        firstBatchWriting.await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        for (int i = 0; i < 5; i++) {
            writer.submit(table.outcome());
        }
        letFirstBatchEnd.countDown();

        Awaitility.await().atMost(PATIENCE).until(() -> table.writes() == 6);
        assertThat(batchSizes).containsExactly(1, 5);
    }

    @Test
    void aBatchThatFailsIsWrittenAgainAndEveryOutcomeIsWrittenOnce() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        start(batch -> {
            int call = calls.incrementAndGet();
            if (call == 1) {
                throw new QueryTimeoutException("database too slow");
            }
            table.record(batch);
            if (call == 2) {
                throw new QueryTimeoutException("committed, but the answer was lost");
            }
        });
        List<Outcome> outcomes =
                IntStream.range(0, 3).mapToObj(i -> table.outcome()).toList();

        for (Outcome outcome : outcomes) {
            writer.submit(outcome);
        }

        Awaitility.await().atMost(PATIENCE).until(() -> calls.get() >= 3 && writer.pending() == 0);
        assertThat(outcomes)
                .allSatisfy(outcome -> assertThat(table.writesOf(outcome)).isEqualTo(1));
    }

    @Test
    void anOutcomeTheDatabaseRefusesDoesNotHoldUpTheOthersAndIsTriedAgainAlone() throws Exception {
        Outcome refused = table.outcome();
        AtomicBoolean refusing = new AtomicBoolean(true);
        start(batch -> {
            if (refusing.get() && batch.contains(refused)) {
                throw new DataIntegrityViolationException("violates a constraint");
            }
            table.record(batch);
        });
        List<Outcome> others =
                IntStream.range(0, 3).mapToObj(i -> table.outcome()).toList();

        writer.submit(others.get(0));
        writer.submit(refused);
        writer.submit(others.get(1));
        writer.submit(others.get(2));

        Awaitility.await()
                .atMost(PATIENCE)
                .until(() -> others.stream().allMatch(outcome -> table.writesOf(outcome) == 1));
        assertThat(table.writesOf(refused)).isZero();
        assertThat(table.leased(refused)).isTrue();

        refusing.set(false);
        Awaitility.await().atMost(PATIENCE).until(() -> table.writesOf(refused) == 1);
        assertThat(others)
                .allSatisfy(outcome -> assertThat(table.writesOf(outcome)).isEqualTo(1));
    }

    @Test
    void givesUpOnAnOutcomeOnceItsLeaseHasRunOutAndGoesOnWithTheNext() throws Exception {
        AtomicLong now = new AtomicLong(0);
        AtomicInteger failures = new AtomicInteger();
        Outcome stale = table.outcome(0);
        writer = new OutcomeWriter(
                batch -> {
                    if (batch.contains(stale)) {
                        failures.incrementAndGet();
                        throw new QueryTimeoutException("database away");
                    }
                    table.record(batch);
                },
                8,
                8,
                LEASE,
                now::get);
        writer.start();

        writer.submit(stale);
        Awaitility.await().atMost(PATIENCE).until(() -> failures.get() >= 1);
        now.set(LEASE.toNanos() + 1);
        Outcome next = table.outcome(now.get());
        writer.submit(next);

        Awaitility.await().atMost(PATIENCE).until(() -> table.writesOf(next) == 1);
        assertThat(table.writesOf(stale)).isZero();
    }

    @Test
    void writesEverythingHandedOverBeforeItStops() throws Exception {
        CountDownLatch letWritesStart = new CountDownLatch(1);
        start(batch -> {
            await(letWritesStart);
            table.record(batch);
        });
        List<Outcome> outcomes =
                IntStream.range(0, 10).mapToObj(i -> table.outcome()).toList();
        for (Outcome outcome : outcomes) {
            writer.submit(outcome);
        }

        letWritesStart.countDown();
        writer.stop();

        assertThat(outcomes)
                .allSatisfy(outcome -> assertThat(table.writesOf(outcome)).isEqualTo(1));
    }

    private void start(OutcomeWriter.Recorder recorder) {
        writer = new OutcomeWriter(recorder, 64, 64, LEASE);
        writer.start();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Deliveries and their leases, written as the database does: only by the lease holder, once. */
    private static final class LeasedTable {
        private final Map<UUID, UUID> leases = new HashMap<>();
        private final Map<UUID, Integer> writes = new HashMap<>();

        synchronized Outcome outcome() {
            return outcome(System.nanoTime());
        }

        synchronized Outcome outcome(long claimedAtNanos) {
            ClaimedDelivery delivery = Deliveries.claimed(UUID.randomUUID(), claimedAtNanos);
            leases.put(delivery.id(), delivery.leaseId());
            return Deliveries.delivered(delivery);
        }

        synchronized void record(List<Outcome> batch) {
            List<Outcome> held = new ArrayList<>();
            for (Outcome outcome : batch) {
                if (outcome.delivery()
                        .leaseId()
                        .equals(leases.get(outcome.delivery().id()))) {
                    held.add(outcome);
                }
            }
            for (Outcome outcome : held) {
                leases.remove(outcome.delivery().id());
                writes.merge(outcome.delivery().id(), 1, Integer::sum);
            }
        }

        synchronized int writesOf(Outcome outcome) {
            return writes.getOrDefault(outcome.delivery().id(), 0);
        }

        synchronized int writes() {
            return writes.values().stream().mapToInt(Integer::intValue).sum();
        }

        synchronized boolean leased(Outcome outcome) {
            return leases.containsKey(outcome.delivery().id());
        }
    }
}
