package org.orderplatform.webhooks.delivery;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One delivery in a subscription's log.
 *
 * @param webhookId the {@code webhook-id} header of every attempt (the event id)
 * @param status PENDING (waiting for its next attempt), DELIVERED or DEAD
 * @param nextAttemptAt when PENDING: when it is due
 * @param heldBecause when PENDING and held back without an attempt (the endpoint's open circuit
 *     breaker, its rate or concurrency limit): why; its attempts do not count down meanwhile
 */
public record DeliveryView(
        UUID id,
        String webhookId,
        String eventType,
        String orderId,
        String status,
        int attemptCount,
        Instant nextAttemptAt,
        String heldBecause,
        Instant createdAt,
        Instant deliveredAt,
        List<Attempt> attempts) {

    /** One POST: when, what came back (null: no answer), how long it took, what went wrong. */
    public record Attempt(int attempt, Instant attemptedAt, Integer statusCode, long latencyMs, String error) {}
}
