package org.orderplatform.webhooks.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
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
 * workers: attempts in flight never exceed it. It claims ahead about a second's worth of
 * attempts, at least twice and at most 16 times the workers ({@link ClaimDepth}): against a
 * fast receiver a claim, a database round trip, then serves many deliveries, and the workers
 * do not wait for it; the rest wait in the table, where any dispatcher node can take them. Each
 * endpoint's share is measured the same way, from its concurrency limit and its own pace: its
 * {@link EndpointLanes} start as many as the limit allows and keep the others next in line,
 * without a worker.
 *
 * <p>The claiming thread sleeps until there is something to claim for: new deliveries (the
 * consumer says so), room for a batch (half the claims done), an endpoint with room for half its
 * share again, or the poll interval (retries coming due). A claimed delivery's lease (2 x timeout
 * + 60 s) outlasts its wait here plus its attempt; one that waited longer than
 * {@code timeout + 30 s} all the same (its receiver slowed down) is given back to the table
 * instead of being sent late.
 */
class DeliveryDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryDispatcher.class);

    private final DeliveryStore deliveries;
    private final DeliveryAttempts attempts;
    private final OutcomeWriter outcomes;
    private final EndpointLanes lanes;
    private final int maxInFlight;
    private final Duration pollInterval;
    private final Duration lease;
    private final long longestWaitNanos;
    private final int ratePerSecond;
    /** Deliveries claimed here (running, in their lanes, or queued for a worker): at most {@link #limit()}. */
    private final AtomicInteger claimed = new AtomicInteger();
    /** How many times {@code maxInFlight} to have claimed, by how fast attempts go. */
    private final ClaimDepth depth = new ClaimDepth();

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
            EndpointLanes lanes,
            int ratePerSecond,
            int maxInFlight,
            Duration pollInterval,
            Duration attemptTimeout,
            WebhookMetrics metrics) {
        this.deliveries = deliveries;
        this.attempts = attempts;
        this.outcomes = outcomes;
        this.lanes = lanes;
        this.maxInFlight = maxInFlight;
        this.pollInterval = pollInterval;
        this.lease = leaseFor(attemptTimeout);
        this.longestWaitNanos = attemptTimeout.plusSeconds(30).toNanos();
        this.ratePerSecond = ratePerSecond;
        AtomicInteger threads = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(maxInFlight, runnable -> {
            Thread thread = new Thread(runnable, "webhook-worker-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        metrics.inFlight(inFlight, value -> ((AtomicInteger) value).get());
    }

    /**
     * A claim's lease: a claimed delivery waits here for about a second's worth of attempts ahead
     * of it (and is given back after {@code timeout + 30 s}), then makes its own; with a margin for
     * database waits, a lease only runs out when its node is gone.
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
                int free = limit() - claimed.get();
                if (free > 0 && claimAndStart(free) == free && limit() - claimed.get() >= limit() / 2) {
                    continue; // took all it asked for and has room again: more may be due
                }
                wakeUps.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                wakeUps.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Deliveries to have claimed here at most: about a second's worth of attempts. */
    private int limit() {
        return depth.times() * maxInFlight;
    }

    /** Claims up to {@code free} deliveries within each endpoint's share and starts them; how many. */
    private int claimAndStart(int free) throws InterruptedException {
        List<ClaimedDelivery> claimedNow;
        try {
            Map<UUID, Integer> here = lanes.claimed();
            Map<UUID, Integer> permits = attempts.ratePermits(ClaimDepth.MOST * maxInFlight);
            List<UUID> skip = new ArrayList<>(attempts.brokenEndpoints());
            Map<UUID, Integer> budgets = new HashMap<>();
            Set<UUID> endpoints = new HashSet<>(here.keySet());
            endpoints.addAll(permits.keySet());
            for (UUID id : endpoints) {
                int taken = here.getOrDefault(id, 0);
                int room = Math.min(lanes.budget(id), permits.getOrDefault(id, ratePerSecond)) - taken;
                if (room > 0) {
                    budgets.put(id, room);
                } else {
                    skip.add(id);
                }
            }
            int defaultBudget = Math.max(1, Math.min(lanes.defaultBudget(), ratePerSecond));
            claimedNow = deliveries.claim(free, lease, skip, budgets, defaultBudget);
        } catch (RuntimeException e) {
            log.warn("Could not claim webhook deliveries; trying again", e);
            Thread.sleep(pollInterval.toMillis()); // back off from a failing database, then poll again
            return 0;
        }
        claimed.addAndGet(claimedNow.size());
        for (ClaimedDelivery delivery : claimedNow) {
            if (lanes.admit(delivery)) {
                start(delivery);
            }
        }
        return claimedNow.size();
    }

    private void start(ClaimedDelivery delivery) {
        try {
            workers.execute(() -> work(delivery));
        } catch (RejectedExecutionException stopping) {
            giveBack(delivery);
        }
    }

    private void work(ClaimedDelivery delivery) {
        mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        long start = System.nanoTime();
        try {
            if (!running) {
                attempts.hold(delivery, Duration.ZERO, null); // stopping: back to the table, for another node
            } else if (System.nanoTime() - delivery.claimedAtNanos() > longestWaitNanos) {
                attempts.hold(delivery, Duration.ZERO, null); // its lease may not last an attempt now
            } else {
                attempts.attempt(delivery);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // the lease runs out and the delivery is taken again: nothing is lost
            log.warn("Webhook delivery {} failed unexpectedly; it is retried when its lease ends", delivery.id(), e);
        } finally {
            inFlight.decrementAndGet();
            long took = System.nanoTime() - start;
            depth.took(took);
            done(delivery, took);
        }
    }

    /** The delivery's attempt (or hold) is over: its endpoint's next starts, and claims may follow. */
    private void done(ClaimedDelivery delivery, long took) {
        EndpointLanes.Turn turn = lanes.finished(delivery.subscriptionId(), took);
        if (turn.next() != null) {
            start(turn.next());
        }
        // half the claims done: time for the next batch (or an endpoint has room for half its budget)
        if (claimed.decrementAndGet() == limit() / 2 || turn.claimAgain()) {
            wakeUp();
        }
    }

    /** Stopping: the delivery goes back to the table, due now, for another node. */
    private void giveBack(ClaimedDelivery delivery) {
        try {
            attempts.hold(delivery, Duration.ZERO, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("Could not release webhook delivery {}; its lease runs out instead", delivery.id());
        }
        done(delivery, 0);
    }

    @Override
    public void start() {
        running = true;
        outcomes.start();
        poller = new Thread(this::run, "webhook-dispatcher");
        poller.setDaemon(true);
        poller.start();
    }

    /**
     * Stops claiming; attempts in flight finish (each within its timeout), deliveries claimed but
     * not started go back to the table (due now, for another node), and the outcomes are written.
     */
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
