package org.orderplatform.query.orders;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * Everything the event store holds about one order, straight from it: the order's own events and
 * its payment's, oldest first, each with the correlation id of the request (or saga step) that
 * caused it. What an operator reads to follow an order through the system.
 *
 * @param paymentState where the order's payment is, by its latest event; null before any
 */
public record OrderEventHistory(
        String orderId,

        @Schema(
                nullable = true,
                allowableValues = {
                    "authorization-requested",
                    "authorized",
                    "declined",
                    "authorization-failed",
                    "captured",
                    "voided",
                    "refunded"
                })
        String paymentState,

        List<Entry> events) {

    /**
     * One stored event.
     *
     * @param aggregate {@code order} or {@code payment}
     * @param correlationId null for events stored without one
     */
    public record Entry(
            @Schema(allowableValues = {"order", "payment"}) String aggregate,
            long sequenceNumber,
            String eventId,
            @Schema(example = "OrderPlaced") String type,
            Instant occurredAt,
            @Schema(nullable = true) String correlationId,
            JsonNode payload) {}
}
