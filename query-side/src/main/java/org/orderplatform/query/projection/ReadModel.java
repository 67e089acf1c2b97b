package org.orderplatform.query.projection;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The read models: each is one processing group (the processor's name) with its tables. The
 * names are the API's too ({@code /admin/projections/order-summary}).
 */
public enum ReadModel {
    ORDER_SUMMARY("order-summary", List.of("order_summary")),
    ORDER_DETAIL("order-detail", List.of("order_detail", "order_timeline")),
    CUSTOMER_STATS("customer-stats", List.of("customer_stats", "customer_stats_order"));

    public static final String ORDER_SUMMARY_GROUP = "order-summary";
    public static final String ORDER_DETAIL_GROUP = "order-detail";
    public static final String CUSTOMER_STATS_GROUP = "customer-stats";

    private final String processingGroup;
    private final List<String> tables;

    ReadModel(String processingGroup, List<String> tables) {
        this.processingGroup = processingGroup;
        this.tables = tables;
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
