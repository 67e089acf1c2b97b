package org.orderplatform.webhooks.delivery;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * One attempt of one claimed delivery, and the outcome that follows from its result: delivered;
 * tried again on the schedule (or after the receiver's Retry-After); dead after the last attempt;
 * dead at once on {@code 410 Gone} (which also disables the subscription). An endpoint whose
 * breaker is open, or which is at its rate or concurrency limit, is not called: the delivery
 * waits, without using up an attempt. Outcomes go to the {@link OutcomeWriter}, which writes them
 * in batches; the attempt is done once its outcome is handed over.
 */
class DeliveryAttempts {

    private static final Duration LIMITED_WAIT = Duration.ofMillis(50);

    private final WebhookSender sender;
    private final EndpointGuards guards;
    private final RetryPolicy retries;
    private final WebhookMetrics metrics;
    private final OutcomeWriter outcomes;

    DeliveryAttempts(
            WebhookSender sender,
            EndpointGuards guards,
            RetryPolicy retries,
            WebhookMetrics metrics,
            OutcomeWriter outcomes) {
        this.sender = sender;
        this.guards = guards;
        this.retries = retries;
        this.metrics = metrics;
        this.outcomes = outcomes;
    }

    /** Endpoints whose breaker is open: their deliveries wait for them. */
    List<UUID> brokenEndpoints() {
        return guards.openBreakers();
    }

    /** How many more deliveries each endpoint with a rate limit in use may take now (at most {@code cap}). */
    Map<UUID, Integer> ratePermits(int cap) {
        return guards.ratePermits(cap);
    }

    void attempt(ClaimedDelivery delivery) throws InterruptedException {
        EndpointGuards.Guard guard = guards.of(delivery.subscriptionId());
        if (!guard.breaker().tryAcquirePermission()) {
            hold(
                    delivery,
                    guard.breaker().getState() == CircuitBreaker.State.OPEN ? guards.openFor() : LIMITED_WAIT,
                    guards.breakerReason(guard.breaker()));
            return;
        }
        if (!guard.rateLimiter().acquirePermission()) {
            guard.breaker().releasePermission();
            hold(delivery, Duration.ofSeconds(1), "held back: the endpoint's rate limit on this node");
            return;
        }
        if (!guard.bulkhead().tryAcquirePermission()) {
            guard.breaker().releasePermission();
            hold(delivery, LIMITED_WAIT, "held back: the endpoint's concurrency limit on this node");
            return;
        }
        AttemptResult result;
        try {
            result = sender.send(delivery, delivery.secrets());
        } catch (RuntimeException e) {
            guard.breaker().releasePermission();
            throw e;
        } finally {
            guard.bulkhead().onComplete();
        }
        metrics.attempt(result);
        if (result.succeeded()) {
            guard.breaker().onSuccess(result.latencyMs(), TimeUnit.MILLISECONDS);
            outcomes.submit(Outcome.delivered(delivery, result));
            return;
        }
        guard.breaker().onError(result.latencyMs(), TimeUnit.MILLISECONDS, new EndpointFailure(result.error()));
        outcomes.submit(failed(delivery, result));
    }

    private Outcome failed(ClaimedDelivery delivery, AttemptResult result) {
        if (result.gone()) {
            return Outcome.dead(delivery, result, "endpoint answered 410 Gone; subscription disabled");
        }
        Optional<Duration> wait = retries.next(delivery.scheduleStep(), result.retryAfter());
        if (wait.isPresent()) {
            return Outcome.retry(delivery, result, wait.get());
        }
        return Outcome.dead(
                delivery,
                result,
                "no success after " + (delivery.scheduleStep() + 1) + " attempts; last: " + result.error());
    }

    /** Not attempted now: due again after {@code wait}. */
    void hold(ClaimedDelivery delivery, Duration wait, String reason) throws InterruptedException {
        outcomes.submit(Outcome.held(delivery, wait, reason));
    }

    /** A failed attempt, as the breaker counts it. */
    static final class EndpointFailure extends RuntimeException {
        EndpointFailure(String message) {
            super(message, null, false, false);
        }
    }
}
