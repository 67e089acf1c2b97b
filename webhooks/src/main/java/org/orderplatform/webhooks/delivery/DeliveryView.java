package org.orderplatform.webhooks.delivery;

import io.swagger.v3.oas.annotations.media.Schema;
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

        @Schema(nullable = true, description = "null for events not about an order (webhook.test)")
        String orderId,

        String status,
        int attemptCount,
        @Schema(nullable = true) Instant nextAttemptAt,
        @Schema(nullable = true) String heldBecause,
        Instant createdAt,
        @Schema(nullable = true) Instant deliveredAt,
        List<Attempt> attempts) {

    /** One POST: when, what came back (null: no answer), how long it took, what went wrong. */
    public record Attempt(
            int attempt,
            Instant attemptedAt,
            @Schema(nullable = true) Integer statusCode,
            long latencyMs,
            @Schema(nullable = true) String error) {}
}
