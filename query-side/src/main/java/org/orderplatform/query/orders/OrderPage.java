package org.orderplatform.query.orders;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** One page of orders and the links to its neighbours (also sent as {@code Link} headers). */
public record OrderPage(List<OrderSummaryView> items, Links links) {

    /** Absolute URLs, null where there is no such page. */
    @Schema(name = "OrderPageLinks")
    public record Links(
            @Schema(nullable = true) String next,
            @Schema(nullable = true) String prev) {}
}
