package org.orderplatform.query.projection;

import java.time.Instant;
import java.util.List;
import org.orderplatform.api.order.CancellationReason;
import org.orderplatform.api.order.OrderCancelled;
import org.orderplatform.api.order.OrderLine;
import org.orderplatform.api.order.OrderPlaced;
import org.orderplatform.api.order.ShippingAddress;
import org.orderplatform.api.order.ShippingAddressChanged;

/** Events as the order aggregate emits them, for projection tests. */
public final class OrderEvents {

    public static final Instant PLACED_AT = Instant.parse("2026-03-01T10:00:00Z");
    public static final Instant CHANGED_AT = Instant.parse("2026-03-01T10:05:00Z");
    public static final Instant CANCELLED_AT = Instant.parse("2026-03-01T10:10:00Z");

    public static final ShippingAddress HOME =
            new ShippingAddress("Ada Lovelace", "1 Main Street", null, "London", null, "N1 9GU", "GB");
    public static final ShippingAddress OFFICE =
            new ShippingAddress("Ada Lovelace", "Unter den Linden 5", "3rd floor", "Berlin", "BE", "10117", "DE");

    private OrderEvents() {}

    /** Two lines, 2 x 12.50 + 1 x 5.00 = 30.00 EUR, to {@link #HOME}. */
    public static OrderPlaced placed(String orderId, String customerId) {
        List<OrderLine> lines = List.of(new OrderLine("SKU-1", 2, 1250), new OrderLine("SKU-2", 1, 500));
        return new OrderPlaced(orderId, customerId, "EUR", lines, HOME, 3000, null);
    }

    /** One line worth {@code totalMinor} in {@code currency}. */
    public static OrderPlaced placed(String orderId, String customerId, String currency, long totalMinor) {
        return new OrderPlaced(
                orderId, customerId, currency, List.of(new OrderLine("SKU-1", 1, totalMinor)), HOME, totalMinor, null);
    }

    /** Now goes to {@link #OFFICE}. */
    public static ShippingAddressChanged addressChanged(String orderId) {
        return new ShippingAddressChanged(orderId, OFFICE);
    }

    public static OrderCancelled cancelled(String orderId) {
        return new OrderCancelled(orderId, CancellationReason.CUSTOMER_REQUEST, "Ordered by mistake");
    }
}
