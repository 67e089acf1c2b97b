package org.orderplatform.query.customers;

import java.util.List;

/** How many orders a customer placed and cancelled, with totals per currency (minor units). */
public record CustomerOrderStatsView(
        String customerId, long orderCount, long cancelledCount, List<CurrencyTotals> totals) {

    public record CurrencyTotals(
            String currency, long orderCount, long totalMinor, long cancelledCount, long cancelledTotalMinor) {}
}
