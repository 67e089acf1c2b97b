package org.orderplatform.query.projection;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.orderplatform.api.order.OrderCancelled;
import org.orderplatform.api.order.OrderConfirmed;
import org.orderplatform.api.order.OrderDelivered;
import org.orderplatform.api.order.OrderPlaced;
import org.orderplatform.api.order.OrderShipped;
import org.orderplatform.api.order.ShippingAddressChanged;

/**
 * The read models: each is one processing group (the processor's name) with its tables. The
 * names are the API's too ({@code /admin/projections/order-summary}).
 */
public enum ReadModel {
    ORDER_SUMMARY(
            "order-summary",
            List.of("order_summary"),
            List.of(
                    OrderPlaced.class,
                    ShippingAddressChanged.class,
                    OrderConfirmed.class,
                    OrderShipped.class,
                    OrderDelivered.class,
                    OrderCancelled.class)),
    ORDER_DETAIL(
            "order-detail",
            List.of("order_detail", "order_timeline"),
            List.of(
                    OrderPlaced.class,
                    ShippingAddressChanged.class,
                    OrderConfirmed.class,
                    OrderShipped.class,
                    OrderDelivered.class,
                    OrderCancelled.class)),
    CUSTOMER_STATS(
            "customer-stats",
            List.of("customer_stats", "customer_stats_order"),
            List.of(OrderPlaced.class, OrderCancelled.class));

    public static final String ORDER_SUMMARY_GROUP = "order-summary";
    public static final String ORDER_DETAIL_GROUP = "order-detail";
    public static final String CUSTOMER_STATS_GROUP = "customer-stats";

    private final String processingGroup;
    private final List<String> tables;
    private final List<Class<?>> handledEvents;

    ReadModel(String processingGroup, List<String> tables, List<Class<?>> handledEvents) {
        this.processingGroup = processingGroup;
        this.tables = tables;
        this.handledEvents = handledEvents;
    }

    /**
     * The event types its projection handles (a test keeps this list equal to the handlers).
     * Read-your-writes waits only for those: Axon records its position for other events late.
     */
    public List<Class<?>> handledEvents() {
        return handledEvents;
    }

    public String processingGroup() {
        return processingGroup;
    }

    /** Base names of its tables (without the slot suffix). */
    public List<String> tables() {
        return tables;
    }

    public static Optional<ReadModel> named(String processingGroup) {
        return Arrays.stream(values())
                .filter(model -> model.processingGroup.equals(processingGroup))
                .findFirst();
    }
}
