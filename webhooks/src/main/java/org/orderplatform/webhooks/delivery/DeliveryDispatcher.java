package org.orderplatform.webhooks.delivery;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Takes due deliveries from PostgreSQL and hands them to a fixed pool of workers. It claims only
 * as many as it has free workers, so attempts in flight (and the memory they hold) never exceed
 * {@code maxInFlight}; the rest wait in the table, where any dispatcher node can take them.
 */
class DeliveryDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryDispatcher.class);

    private final DeliveryStore deliveries;
    private final DeliveryAttempts attempts;
    private final int maxInFlight;
    private final Duration pollInterval;
    private final Duration lease;
    private final Semaphore freeWorkers;
    private final Semaphore wakeUps = new Semaphore(0);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();
    private final ExecutorService workers;
    private volatile boolean running;
    private Thread poller;

    DeliveryDispatcher(
            DeliveryStore deliveries,
            DeliveryAttempts attempts,
            int maxInFlight,
            Duration pollInterval,
            Duration attemptTimeout,
            WebhookMetrics metrics) {
        this.deliveries = deliveries;
        this.attempts = attempts;
        this.maxInFlight = maxInFlight;
        this.pollInterval = pollInterval;
        // past the attempt's own timeout, so a lease only runs out when its node is gone
        this.lease = attemptTimeout.plusSeconds(30);
        this.freeWorkers = new Semaphore(maxInFlight);
        AtomicInteger threads = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(maxInFlight, runnable -> {
            Thread thread = new Thread(runnable, "webhook-worker-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        metrics.inFlight(inFlight, value -> ((AtomicInteger) value).get());
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

    private void run() {
        while (running) {
            try {
                int free = freeWorkers.drainPermits();
                if (free == 0) {
                    if (!freeWorkers.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS)) {
                        continue;
                    }
                    free = 1 + freeWorkers.drainPermits();
                }
                List<ClaimedDelivery> claimed = claim(free);
                freeWorkers.release(free - claimed.size());
                for (ClaimedDelivery delivery : claimed) {
                    mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                    workers.execute(() -> work(delivery));
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

    private List<ClaimedDelivery> claim(int limit) throws InterruptedException {
        try {
            return deliveries.claim(limit, lease, attempts.saturatedEndpoints());
        } catch (RuntimeException e) {
            log.warn("Could not claim webhook deliveries; trying again", e);
            Thread.sleep(pollInterval.toMillis()); // back off from a failing database, then poll again
            return List.of();
        }
    }

    private void work(ClaimedDelivery delivery) {
        try {
            attempts.attempt(delivery);
        } catch (RuntimeException e) {
            // the lease runs out and the delivery is taken again: nothing is lost
            log.warn("Webhook delivery {} failed unexpectedly; it is retried when its lease ends", delivery.id(), e);
        } finally {
            inFlight.decrementAndGet();
            freeWorkers.release();
        }
    }

    @Override
    public void start() {
        running = true;
        poller = new Thread(this::run, "webhook-dispatcher");
        poller.setDaemon(true);
        poller.start();
    }

    /** Stops claiming; attempts in flight finish (each within its timeout). */
    @Override
    public void stop() {
        running = false;
        if (poller != null) {
            poller.interrupt();
        }
        workers.shutdown();
        try {
            if (!workers.awaitTermination(lease.toMillis(), TimeUnit.MILLISECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
