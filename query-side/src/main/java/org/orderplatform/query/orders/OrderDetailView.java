package org.orderplatform.query.orders;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.orderplatform.api.order.ShippingAddress;

/** An order with everything that happened to it; {@code version} is also its {@code ETag}. */
public record OrderDetailView(
        String orderId,
        String customerId,
        String status,
        String currency,
        long totalMinor,
        List<Line> lines,
        ShippingAddress shippingAddress,
        Cancellation cancellation,
        Instant createdAt,
        Instant updatedAt,
        long version,
        List<TimelineEntry> timeline) {

    public record Line(String sku, int quantity, long unitPriceMinor, long lineTotalMinor) {}

    public record Cancellation(String reason, String comment, Instant cancelledAt) {}

    /** One event of the order: its version, what happened, when, and the event's essentials. */
    public record TimelineEntry(long version, String type, Instant occurredAt, JsonNode details) {}
}
