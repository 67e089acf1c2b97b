package org.orderplatform.webhooks.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.orderplatform.webhooks.subscriptions.SubscriptionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt of one claimed delivery, and what follows from its result: delivered; tried again
 * on the schedule (or after the receiver's Retry-After); dead after the last attempt; dead at
 * once on {@code 410 Gone}, which also disables the subscription. An endpoint whose breaker is
 * open, or which is at its rate or concurrency limit, is not called: the delivery waits, without
 * using up an attempt.
 */
class DeliveryAttempts {

    private static final Logger log = LoggerFactory.getLogger(DeliveryAttempts.class);
    private static final Duration LIMITED_WAIT = Duration.ofMillis(50);

    private final DeliveryStore deliveries;
    private final SubscriptionStore subscriptions;
    private final WebhookSender sender;
    private final EndpointGuards guards;
    private final RetryPolicy retries;
    private final Duration disableAfter;
    private final WebhookMetrics metrics;

    DeliveryAttempts(
            DeliveryStore deliveries,
            SubscriptionStore subscriptions,
            WebhookSender sender,
            EndpointGuards guards,
            RetryPolicy retries,
            Duration disableAfter,
            WebhookMetrics metrics) {
        this.deliveries = deliveries;
        this.subscriptions = subscriptions;
        this.sender = sender;
        this.guards = guards;
        this.retries = retries;
        this.disableAfter = disableAfter;
        this.metrics = metrics;
    }

    /** Endpoints not to claim deliveries for now. */
    java.util.List<java.util.UUID> saturatedEndpoints() {
        return guards.saturated();
    }

    /** Endpoints whose breaker is open: their deliveries wait for them. */
    java.util.List<java.util.UUID> brokenEndpoints() {
        return guards.openBreakers();
    }

    void attempt(ClaimedDelivery delivery) {
        // before any permission is taken: a failure here must not leave a breaker's trial taken
        List<String> secrets = subscriptions.signingSecrets(delivery.subscriptionId());
        EndpointGuards.Guard guard = guards.of(delivery.subscriptionId());
        if (!guard.breaker().tryAcquirePermission()) {
            hold(delivery, guard.breaker().getState().name().equals("OPEN") ? guards.openFor() : LIMITED_WAIT);
            return;
        }
        if (!guard.rateLimiter().acquirePermission()) {
            guard.breaker().releasePermission();
            hold(delivery, Duration.ofSeconds(1));
            return;
        }
        if (!guard.bulkhead().tryAcquirePermission()) {
            guard.breaker().releasePermission();
            hold(delivery, LIMITED_WAIT);
            return;
        }
        AttemptResult result;
        try {
            result = sender.send(delivery, secrets);
        } catch (RuntimeException e) {
            guard.breaker().releasePermission();
            throw e;
        } finally {
            guard.bulkhead().onComplete();
        }
        metrics.attempt(result);
        if (result.succeeded()) {
            guard.breaker().onSuccess(result.latencyMs(), TimeUnit.MILLISECONDS);
            if (deliveries.delivered(delivery, result)) {
                metrics.outcome("delivered");
            }
            subscriptions.recordSuccess(delivery.subscriptionId());
            return;
        }
        guard.breaker().onError(result.latencyMs(), TimeUnit.MILLISECONDS, new EndpointFailure(result.error()));
        failed(delivery, result);
    }

    private void failed(ClaimedDelivery delivery, AttemptResult result) {
        if (result.gone()) {
            if (deliveries.dead(delivery, result, "endpoint answered 410 Gone; subscription disabled")) {
                metrics.outcome("dead");
            }
            subscriptions.disable(delivery.subscriptionId(), "endpoint answered 410 Gone");
            log.warn("Webhook subscription {} disabled: its endpoint answered 410 Gone", delivery.subscriptionId());
            return;
        }
        Optional<Duration> wait = retries.next(delivery.scheduleStep(), result.retryAfter());
        if (wait.isPresent()) {
            if (deliveries.retryAfter(delivery, result, wait.get())) {
                metrics.outcome("retry");
            }
        } else if (deliveries.dead(
                delivery,
                result,
                "no success after " + (delivery.scheduleStep() + 1) + " attempts; last: " + result.error())) {
            metrics.outcome("dead");
        }
        if (subscriptions.recordFailure(delivery.subscriptionId(), disableAfter)) {
            log.warn(
                    "Webhook subscription {} disabled: it failed without a success for {}",
                    delivery.subscriptionId(),
                    disableAfter);
        }
    }

    private void hold(ClaimedDelivery delivery, Duration wait) {
        deliveries.postpone(delivery, wait);
        metrics.outcome("held");
    }

    /** A failed attempt, as the breaker counts it. */
    static final class EndpointFailure extends RuntimeException {
        EndpointFailure(String message) {
            super(message, null, false, false);
        }
    }
}
