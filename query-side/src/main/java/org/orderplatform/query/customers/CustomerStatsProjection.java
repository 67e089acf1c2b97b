package org.orderplatform.query.customers;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.Supplier;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.orderplatform.api.order.OrderCancelled;
import org.orderplatform.api.order.OrderPlaced;
import org.orderplatform.query.projection.ProjectionWrites;
import org.orderplatform.query.projection.ReadModel;
import org.orderplatform.query.slot.Slot;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Counts and totals per customer and currency. Each order is counted once: the counters move only
 * when the order's own row ({@code customer_stats_order}) is inserted or flips to cancelled, so a
 * redelivered event changes nothing.
 */
@ProcessingGroup(ReadModel.CUSTOMER_STATS_GROUP)
public class CustomerStatsProjection {

    private final JdbcTemplate jdbc;
    private final ProjectionWrites writes;
    private final Supplier<Slot> slot;

    public CustomerStatsProjection(JdbcTemplate jdbc, ProjectionWrites writes, Supplier<Slot> slot) {
        this.jdbc = jdbc;
        this.writes = writes;
        this.slot = slot;
    }

    @EventHandler
    void on(OrderPlaced event, @Timestamp Instant at) {
        Slot target = slot.get();
        // one statement: the counters move only if the order's row was new
        writes.run(() -> jdbc.update(
                "WITH placed AS (INSERT INTO " + target.table("customer_stats_order")
                        + " (order_id, customer_id, currency, total_minor, cancelled) VALUES (?, ?, ?, ?, false)"
                        + " ON CONFLICT (order_id) DO NOTHING RETURNING customer_id, currency, total_minor)"
                        + " INSERT INTO " + target.table("customer_stats")
                        + " AS s (customer_id, currency, order_count,"
                        + " total_minor, cancelled_count, cancelled_total_minor, updated_at)"
                        + " SELECT customer_id, currency, 1, total_minor, 0, 0, ? FROM placed"
                        + " ON CONFLICT (customer_id, currency) DO UPDATE SET order_count = s.order_count + 1,"
                        + " total_minor = s.total_minor + excluded.total_minor, updated_at = excluded.updated_at",
                event.orderId(),
                event.customerId(),
                event.currency(),
                event.totalMinor(),
                OffsetDateTime.ofInstant(at, ZoneOffset.UTC)));
    }

    @EventHandler
    void on(OrderCancelled event, @Timestamp Instant at) {
        Slot target = slot.get();
        // one statement: the counters move only if the order's row flipped to cancelled
        writes.run(() -> jdbc.update(
                "WITH flipped AS (UPDATE " + target.table("customer_stats_order") + " SET cancelled = true"
                        + " WHERE order_id = ? AND NOT cancelled RETURNING customer_id, currency, total_minor)"
                        + " UPDATE " + target.table("customer_stats")
                        + " AS s SET cancelled_count = s.cancelled_count + 1,"
                        + " cancelled_total_minor = s.cancelled_total_minor + flipped.total_minor, updated_at = ?"
                        + " FROM flipped WHERE s.customer_id = flipped.customer_id AND s.currency = flipped.currency",
                event.orderId(),
                OffsetDateTime.ofInstant(at, ZoneOffset.UTC)));
    }

    @ResetHandler
    void reset() {
        Slot target = slot.get();
        jdbc.execute("TRUNCATE " + target.table("customer_stats") + ", " + target.table("customer_stats_order"));
    }
}
