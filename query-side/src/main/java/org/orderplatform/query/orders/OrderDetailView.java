package org.orderplatform.query.orders;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.media.Schema;
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
        Address shippingAddress,
        Cancellation cancellation,
        Instant createdAt,
        Instant updatedAt,
        long version,
        List<TimelineEntry> timeline) {

    OrderDetailView withTimeline(List<TimelineEntry> entries) {
        return new OrderDetailView(
                orderId,
                customerId,
                status,
                currency,
                totalMinor,
                lines,
                shippingAddress,
                cancellation,
                createdAt,
                updatedAt,
                version,
                entries);
    }

    @Schema(name = "OrderDetailLine")
    public record Line(String sku, int quantity, long unitPriceMinor, long lineTotalMinor) {}

    /** Where the order goes; {@code country} is ISO 3166-1 alpha-2. */
    @Schema(name = "ShippingAddress")
    public record Address(
            String recipient,
            String line1,
            @Schema(nullable = true) String line2,
            String city,
            @Schema(nullable = true) String region,
            String postalCode,
            String country) {

        static Address of(ShippingAddress address) {
            return new Address(
                    address.recipient(),
                    address.line1(),
                    address.line2(),
                    address.city(),
                    address.region(),
                    address.postalCode(),
                    address.country());
        }
    }

    /** Null unless the order is cancelled. */
    @Schema(nullable = true)
    public record Cancellation(
            String reason, @Schema(nullable = true) String comment, Instant cancelledAt) {}

    /** One event of the order: its version, what happened, when, and the event's essentials. */
    public record TimelineEntry(long version, String type, Instant occurredAt, JsonNode details) {}
}
