package org.orderplatform.webhooks.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.TransactionException;

/**
 * Writes the workers' outcomes in batches, from one thread: whatever arrived while the previous
 * batch was being written goes in the next one (group commit: no batch waits to fill up, and
 * under load one transaction carries many outcomes). A worker hands its outcome over and goes on
 * to its next delivery; only when {@code capacity} outcomes wait does it wait too.
 *
 * <p>A batch that fails is not lost. When the database is away (no connection, a timeout, a
 * lock conflict), the batch is written again, backing off. When it fails otherwise, its outcomes
 * are written one by one, so that one the database refuses cannot hold up the others, and those
 * that still fail are tried again alone, backing off, beside the next batches. An outcome is
 * given up on once its lease has run out (or the node stops while the database is away): the
 * delivery then is claimed and sent again, at least once, as after a crash. None is written
 * twice: each write is guarded by the lease, which the first write ends.
 */
final class OutcomeWriter {

    private static final Logger log = LoggerFactory.getLogger(OutcomeWriter.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(50);
    private static final Duration MOST_BACKOFF = Duration.ofSeconds(2);
    private static final Duration STOP_PATIENCE = Duration.ofSeconds(10);

    /** Writes a batch in one transaction, all or nothing; throws when it could not. */
    interface Recorder {
        void record(List<Outcome> batch);
    }

    private final Recorder recorder;
    private final BlockingQueue<Outcome> queue;
    private final int maxBatch;
    private final long leaseNanos;
    private final LongSupplier clock;
    /** Outcomes that failed alone, tried again alone (the writer thread's only). */
    private final List<Retry> later = new ArrayList<>();
    /** {@code later}'s size, for other threads. */
    private volatile int retrying;

    private volatile boolean running;
    private volatile long giveUpAt = Long.MAX_VALUE;
    private Thread thread;

    OutcomeWriter(Recorder recorder, int capacity, int maxBatch, Duration lease) {
        this(recorder, capacity, maxBatch, lease, System::nanoTime);
    }

    OutcomeWriter(Recorder recorder, int capacity, int maxBatch, Duration lease, LongSupplier clock) {
        this.recorder = recorder;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.maxBatch = maxBatch;
        this.leaseNanos = lease.toNanos();
        this.clock = clock;
    }

    /** Hands an outcome over; waits only while {@code capacity} outcomes are not yet written. */
    void submit(Outcome outcome) throws InterruptedException {
        queue.put(outcome);
    }

    /** Outcomes handed over and not yet written (nor given up on). */
    int pending() {
        return queue.size() + retrying;
    }

    void start() {
        running = true;
        thread = new Thread(this::run, "webhook-outcomes");
        thread.setDaemon(true);
        thread.start();
    }

    /** Writes what was handed over before returning; gives up on it if the database stays away. */
    void stop() {
        giveUpAt = clock.getAsLong() + STOP_PATIENCE.toNanos();
        running = false;
        if (thread == null) {
            return;
        }
        try {
            thread.join(STOP_PATIENCE.plusSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        List<Outcome> batch = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty() || !later.isEmpty()) {
            try {
                Outcome first = queue.poll(later.isEmpty() ? 100 : FIRST_BACKOFF.toMillis(), TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, maxBatch - 1);
                    write(batch);
                }
                retryLater();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("Webhook outcomes not written; their leases run out and the deliveries are sent again", e);
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Outcome> batch) throws InterruptedException {
        List<Outcome> left = batch;
        Duration backoff = FIRST_BACKOFF;
        while (true) {
            RuntimeException failure = tryRecord(left);
            if (failure == null) {
                return;
            }
            if (!databaseAway(failure)) {
                // the database answers but fails this batch: write the others without the one at fault
                eachAlone(left, failure);
                return;
            }
            left = withinLease(left, failure);
            if (left.isEmpty()) {
                return;
            }
            log.warn(
                    "Could not write {} webhook outcome(s); trying again in {} ms: {}",
                    left.size(),
                    backoff.toMillis(),
                    failure.getMessage());
            TimeUnit.NANOSECONDS.sleep(backoff.toNanos());
            backoff = longer(backoff);
        }
    }

    private void eachAlone(List<Outcome> outcomes, RuntimeException batchFailure) {
        log.warn("A batch of {} webhook outcomes failed; writing them one by one", outcomes.size(), batchFailure);
        for (Outcome outcome : outcomes) {
            if (tryRecord(List.of(outcome)) != null) {
                later.add(new Retry(outcome, clock.getAsLong() + FIRST_BACKOFF.toNanos(), FIRST_BACKOFF));
            }
        }
        retrying = later.size();
    }

    /** Outcomes that failed alone: each due one is tried again; those whose lease ran out are dropped. */
    private void retryLater() {
        long now = clock.getAsLong();
        List<Retry> again = new ArrayList<>();
        for (Iterator<Retry> retries = later.iterator(); retries.hasNext(); ) {
            Retry retry = retries.next();
            if (retry.dueNanos() > now) {
                continue;
            }
            retries.remove();
            RuntimeException failure = tryRecord(List.of(retry.outcome()));
            if (failure != null
                    && !withinLease(List.of(retry.outcome()), failure).isEmpty()) {
                Duration backoff = longer(retry.backoff());
                again.add(new Retry(retry.outcome(), clock.getAsLong() + backoff.toNanos(), backoff));
            }
        }
        later.addAll(again);
        retrying = later.size();
    }

    /** Whether the failure says the database could not be reached or was busy, rather than that it refused. */
    private static boolean databaseAway(RuntimeException failure) {
        return failure instanceof DataAccessResourceFailureException
                || failure instanceof TransientDataAccessException
                || failure instanceof RecoverableDataAccessException
                || failure instanceof TransactionException;
    }

    /** Drops (and logs) the outcomes whose lease has run out, or all of them once stopping took too long. */
    private List<Outcome> withinLease(List<Outcome> outcomes, RuntimeException failure) {
        long now = clock.getAsLong();
        List<Outcome> kept = new ArrayList<>();
        for (Outcome outcome : outcomes) {
            if (now - outcome.delivery().claimedAtNanos() < leaseNanos && now < giveUpAt) {
                kept.add(outcome);
            } else {
                log.error(
                        "Gave up writing the {} outcome of webhook delivery {}: its lease runs out and it is sent again",
                        outcome.metricName(),
                        outcome.delivery().id(),
                        failure);
            }
        }
        return kept;
    }

    private RuntimeException tryRecord(List<Outcome> outcomes) {
        try {
            recorder.record(outcomes);
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    private static Duration longer(Duration backoff) {
        Duration doubled = backoff.multipliedBy(2);
        return doubled.compareTo(MOST_BACKOFF) > 0 ? MOST_BACKOFF : doubled;
    }

    private record Retry(Outcome outcome, long dueNanos, Duration backoff) {}
}
