package org.orderplatform.query.orders;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.List;

/**
 * Version 2 of the order representation: money as {@code {amount, currency}} with a decimal
 * amount, the status as an object (code, since when, why), {@code id} instead of {@code orderId}.
 */
public final class OrderV2 {

    private OrderV2() {}

    /** An amount in the currency's major unit as a decimal string ("115.97"), never a float. */
    public record Money(String amount, String currency) {

        static Money of(long minor, String currency) {
            int digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
            return new Money(BigDecimal.valueOf(minor, digits).toPlainString(), currency);
        }
    }

    /**
     * @param code PLACED, CONFIRMED, SHIPPED, DELIVERED or CANCELLED
     * @param since when the order reached it (for lists: its last change)
     * @param reason why, for CANCELLED
     */
    public record Status(
            String code,
            Instant since,
            @Schema(nullable = true) String reason,
            @Schema(nullable = true) String comment) {}

    public record Line(String sku, int quantity, Money unitPrice, Money lineTotal) {}

    public record Summary(
            String id, String customerId, Status status, Money total, int lineCount, Instant placedAt, long version) {

        static Summary of(OrderSummaryView v1) {
            return new Summary(
                    v1.orderId(),
                    v1.customerId(),
                    new Status(v1.status(), v1.updatedAt(), null, null),
                    Money.of(v1.totalMinor(), v1.currency()),
                    v1.lineCount(),
                    v1.createdAt(),
                    v1.version());
        }
    }

    public record Detail(
            String id,
            String customerId,
            Status status,
            Money total,
            List<Line> lines,
            OrderDetailView.Address shippingAddress,
            Instant placedAt,
            Instant updatedAt,
            long version,
            List<OrderDetailView.TimelineEntry> timeline) {

        static Detail of(OrderDetailView v1) {
            return new Detail(
                    v1.orderId(),
                    v1.customerId(),
                    status(v1),
                    Money.of(v1.totalMinor(), v1.currency()),
                    v1.lines().stream()
                            .map(line -> new Line(
                                    line.sku(),
                                    line.quantity(),
                                    Money.of(line.unitPriceMinor(), v1.currency()),
                                    Money.of(line.lineTotalMinor(), v1.currency())))
                            .toList(),
                    v1.shippingAddress(),
                    v1.createdAt(),
                    v1.updatedAt(),
                    v1.version(),
                    v1.timeline());
        }

        /** The status, since the last event that set it (the timeline holds them all). */
        private static Status status(OrderDetailView v1) {
            Instant since = v1.timeline().stream()
                    .filter(entry -> STATUS_EVENTS.contains(entry.type()))
                    .reduce((first, second) -> second)
                    .map(OrderDetailView.TimelineEntry::occurredAt)
                    .orElse(v1.createdAt());
            var cancellation = v1.cancellation();
            return new Status(
                    v1.status(),
                    since,
                    cancellation == null ? null : cancellation.reason(),
                    cancellation == null ? null : cancellation.comment());
        }

        private static final List<String> STATUS_EVENTS =
                List.of("OrderPlaced", "OrderConfirmed", "OrderShipped", "OrderDelivered", "OrderCancelled");
    }

    /** A page of orders: the cursors to pass back as {@code cursor}, null at either end. */
    public record Page(List<Summary> data, PageInfo page) {}

    public record PageInfo(
            int limit,
            @Schema(nullable = true) String nextCursor,
            @Schema(nullable = true) String prevCursor) {}
}
