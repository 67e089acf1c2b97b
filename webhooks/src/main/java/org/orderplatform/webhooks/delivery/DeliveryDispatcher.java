package org.orderplatform.webhooks.delivery;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Takes due deliveries from PostgreSQL and hands them to a fixed pool of {@code maxInFlight}
 * workers: attempts in flight never exceed it, and at most as many again wait for a worker (so
 * claims come in batches); the rest wait in the table, where any dispatcher node can take them.
 * A claimed delivery's lease (2 x timeout + 60 s) outlasts its wait for a worker plus its attempt.
 */
class DeliveryDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryDispatcher.class);

    private final DeliveryStore deliveries;
    private final DeliveryAttempts attempts;
    private final OutcomeWriter outcomes;
    private final int maxInFlight;
    private final Duration pollInterval;
    private final Duration lease;
    /** Claimed deliveries (running, or queued for a worker) stay under twice the workers. */
    private final Semaphore room;

    private final Semaphore wakeUps = new Semaphore(0);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();
    private final ExecutorService workers;
    private volatile boolean running;
    private Thread poller;

    DeliveryDispatcher(
            DeliveryStore deliveries,
            DeliveryAttempts attempts,
            OutcomeWriter outcomes,
            int maxInFlight,
            Duration pollInterval,
            Duration attemptTimeout,
            WebhookMetrics metrics) {
        this.deliveries = deliveries;
        this.attempts = attempts;
        this.outcomes = outcomes;
        this.maxInFlight = maxInFlight;
        this.pollInterval = pollInterval;
        this.lease = leaseFor(attemptTimeout);
        this.room = new Semaphore(2 * maxInFlight);
        AtomicInteger threads = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(maxInFlight, runnable -> {
            Thread thread = new Thread(runnable, "webhook-worker-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        metrics.inFlight(inFlight, value -> ((AtomicInteger) value).get());
    }

    /**
     * A claim's lease: a claimed delivery may wait for one attempt ahead of it, then make its own;
     * with a margin for database waits, a lease only runs out when its node is gone.
     */
    static Duration leaseFor(Duration attemptTimeout) {
        return attemptTimeout.multipliedBy(2).plusSeconds(60);
    }

    /** New deliveries exist: look now instead of at the next poll. */
    void wakeUp() {
        if (wakeUps.availablePermits() == 0) {
            wakeUps.release();
        }
    }

    int inFlight() {
        return inFlight.get();
    }

    int maxInFlight() {
        return maxInFlight;
    }

    /** The most attempts ever in flight at once on this node. */
    int mostInFlight() {
        return mostInFlight.get();
    }

    /** Outcomes of attempts made here and not yet written. */
    int outcomesToWrite() {
        return outcomes.pending();
    }

    private void run() {
        while (running) {
            try {
                int free = room();
                if (free == 0) {
                    continue;
                }
                List<ClaimedDelivery> claimed = claim(free);
                room.release(free - claimed.size());
                for (ClaimedDelivery delivery : claimed) {
                    handOff(delivery);
                }
                if (claimed.size() < free) {
                    wakeUps.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                    wakeUps.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Room for claimed deliveries (running or queued for a worker), taken in batches of at least
     * half the workers when the queue is busy: one claim query per delivery would make the
     * claiming thread the bottleneck. 0 when none came within the poll interval.
     */
    private int room() throws InterruptedException {
        int free = room.drainPermits();
        int batch = Math.max(1, maxInFlight / 2);
        if (free >= batch) {
            return free;
        }
        if (room.tryAcquire(batch - free, pollInterval.toMillis(), TimeUnit.MILLISECONDS)) {
            return batch + room.drainPermits();
        }
        return free + room.drainPermits();
    }

    private List<ClaimedDelivery> claim(int limit) throws InterruptedException {
        try {
            return deliveries.claim(limit, lease, attempts.saturatedEndpoints());
        } catch (RuntimeException e) {
            log.warn("Could not claim webhook deliveries; trying again", e);
            Thread.sleep(pollInterval.toMillis()); // back off from a failing database, then poll again
            return List.of();
        }
    }

    private void handOff(ClaimedDelivery delivery) {
        try {
            workers.execute(() -> work(delivery));
        } catch (RejectedExecutionException stopping) {
            room.release();
            try {
                attempts.hold(delivery, Duration.ZERO); // due again now, for another node
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                log.warn("Could not release webhook delivery {}; its lease runs out instead", delivery.id());
            }
        }
    }

    private void work(ClaimedDelivery delivery) {
        mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
            attempts.attempt(delivery);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // the lease runs out and the delivery is taken again: nothing is lost
            log.warn("Webhook delivery {} failed unexpectedly; it is retried when its lease ends", delivery.id(), e);
        } finally {
            inFlight.decrementAndGet();
            room.release();
        }
    }

    @Override
    public void start() {
        running = true;
        outcomes.start();
        poller = new Thread(this::run, "webhook-dispatcher");
        poller.setDaemon(true);
        poller.start();
    }

    /** Stops claiming; attempts in flight finish (each within its timeout) and their outcomes are written. */
    @Override
    public void stop() {
        running = false;
        if (poller != null) {
            poller.interrupt();
            try {
                poller.join(10_000); // no claim may hand work to a stopped pool
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        workers.shutdown();
        try {
            if (!workers.awaitTermination(lease.toMillis(), TimeUnit.MILLISECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        outcomes.stop();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // stops before the web server's graceful shutdown ends and before the datasource goes
        return SmartLifecycle.DEFAULT_PHASE - 10;
    }
}
