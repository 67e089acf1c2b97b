package org.orderplatform.webhooks.delivery;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;

/**
 * A dead delivery: what it was, why it died, after how many attempts, and when it was copied to
 * the DLQ topic (null: not yet).
 */
public record DeadLetterView(
        UUID deliveryId,
        UUID subscriptionId,
        String webhookId,
        String eventType,
        String reason,
        int attempts,
        Instant deadAt,
        @Schema(nullable = true) Instant publishedAt) {}
