package org.orderplatform.query.customers;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.orderplatform.query.consistency.ReadConsistency;
import org.orderplatform.query.projection.ReadModel;
import org.orderplatform.query.replica.ReadSources;
import org.orderplatform.query.slot.ReadModelSlots;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Customer statistics", description = "Order counts and totals per customer and currency")
class CustomerStatsController {

    private final ReadSources sources;
    private final ReadModelSlots slots;
    private final ReadConsistency consistency;

    CustomerStatsController(ReadSources sources, ReadModelSlots slots, ReadConsistency consistency) {
        this.sources = sources;
        this.slots = slots;
        this.consistency = consistency;
    }

    @GetMapping(path = "/api/v1/customers/{customerId}/order-stats", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            operationId = "getCustomerOrderStats",
            summary = "A customer's order statistics",
            description = "Zeros for a customer without orders.")
    @PreAuthorize("@customerAccess.actsFor(#customerId)")
    ResponseEntity<CustomerOrderStatsView> stats(
            @PathVariable String customerId,
            @RequestHeader(name = ReadConsistency.TOKEN_HEADER, required = false) String consistencyToken) {
        String freshness = consistency.await(ReadModel.CUSTOMER_STATS, consistencyToken);
        var read = sources.read(
                sources.pick(freshness),
                jdbc -> jdbc.query(
                        "SELECT currency, order_count, total_minor, cancelled_count, cancelled_total_minor FROM "
                                + slots.active(ReadModel.CUSTOMER_STATS_GROUP).table("customer_stats")
                                + " WHERE customer_id = ? ORDER BY currency",
                        (rs, row) -> new CustomerOrderStatsView.CurrencyTotals(
                                rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)),
                        customerId));
        List<CustomerOrderStatsView.CurrencyTotals> totals = read.value();
        var view = new CustomerOrderStatsView(
                customerId,
                totals.stream()
                        .mapToLong(CustomerOrderStatsView.CurrencyTotals::orderCount)
                        .sum(),
                totals.stream()
                        .mapToLong(CustomerOrderStatsView.CurrencyTotals::cancelledCount)
                        .sum(),
                totals);
        return sources.mark(ReadConsistency.mark(ResponseEntity.ok(), freshness), read.source())
                .body(view);
    }
}
