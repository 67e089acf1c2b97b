package org.orderplatform.webhooks.delivery;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.UUID;

/**
 * Which dead letters to redrive: the given deliveries, or every dead letter of a subscription.
 * Exactly one of the two.
 */
public record RedriveRequest(
        @ArraySchema(
                arraySchema = @Schema(nullable = true, description = "1 to 1,000 dead deliveries"),
                schema = @Schema(example = "0b6c3f0e-3c52-4d55-9a5e-2f1c58a4f7d1"))
        List<UUID> deliveryIds,

        @Schema(
                nullable = true,
                description = "All dead letters of this subscription",
                example = "7d0f8a52-8a4e-4c1e-b0a3-5c9f1e2d3b4a")
        UUID subscriptionId) {}
