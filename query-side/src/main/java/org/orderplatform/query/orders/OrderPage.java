package org.orderplatform.query.orders;

import java.util.List;

/** One page of orders and the links to its neighbours (also sent as {@code Link} headers). */
public record OrderPage(List<OrderSummaryView> items, Links links) {

    /** Absolute URLs, null where there is no such page. */
    public record Links(String next, String prev) {}
}
