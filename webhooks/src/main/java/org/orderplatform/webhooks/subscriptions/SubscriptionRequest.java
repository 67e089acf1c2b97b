package org.orderplatform.webhooks.subscriptions;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * A new subscription, or the fields of one to change ({@code PATCH}: absent fields stay as they
 * are).
 *
 * @param url where deliveries are POSTed: https, a public address
 * @param eventTypes the event types to receive; empty or absent: all
 * @param description free text for the subscriber's own bookkeeping (up to 500 characters)
 */
public record SubscriptionRequest(
        @Schema(example = "https://example.com/webhooks/orders")
        String url,

        @ArraySchema(
                arraySchema = @Schema(example = "[\"order.placed\", \"order.cancelled\"]"),
                schema = @Schema(example = "order.placed"))
        List<String> eventTypes,

        @Schema(example = "fulfilment service") String description) {}
