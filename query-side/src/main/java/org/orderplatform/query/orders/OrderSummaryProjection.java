package org.orderplatform.query.orders;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.Supplier;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.orderplatform.api.order.OrderCancelled;
import org.orderplatform.api.order.OrderConfirmed;
import org.orderplatform.api.order.OrderDelivered;
import org.orderplatform.api.order.OrderPlaced;
import org.orderplatform.api.order.OrderShipped;
import org.orderplatform.api.order.OrderStatus;
import org.orderplatform.api.order.ShippingAddressChanged;
import org.orderplatform.query.projection.ProjectionWrites;
import org.orderplatform.query.projection.ReadModel;
import org.orderplatform.query.slot.Slot;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One row per order in {@code order_summary_<slot>}. Every write is conditional on the event's
 * sequence number, so handling an event twice (a redelivered dead letter) changes nothing.
 */
@ProcessingGroup(ReadModel.ORDER_SUMMARY_GROUP)
public class OrderSummaryProjection {

    private final JdbcTemplate jdbc;
    private final ProjectionWrites writes;
    private final Supplier<Slot> slot;

    public OrderSummaryProjection(JdbcTemplate jdbc, ProjectionWrites writes, Supplier<Slot> slot) {
        this.jdbc = jdbc;
        this.writes = writes;
        this.slot = slot;
    }

    @EventHandler
    void on(OrderPlaced event, @Timestamp Instant at, @SequenceNumber long version) {
        writes.run(() -> jdbc.update(
                "INSERT INTO " + table() + " (order_id, customer_id, status, total_minor, currency, line_count,"
                        + " created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (order_id) DO NOTHING",
                event.orderId(),
                event.customerId(),
                OrderStatus.PLACED.name(),
                event.totalMinor(),
                event.currency(),
                event.lines().size(),
                utc(at),
                utc(at),
                version));
    }

    @EventHandler
    void on(ShippingAddressChanged event, @Timestamp Instant at, @SequenceNumber long version) {
        writes.run(() -> jdbc.update(
                "UPDATE " + table() + " SET updated_at = ?, version = ? WHERE order_id = ? AND version < ?",
                utc(at),
                version,
                event.orderId(),
                version));
    }

    @EventHandler
    void on(OrderCancelled event, @Timestamp Instant at, @SequenceNumber long version) {
        status(event.orderId(), OrderStatus.CANCELLED, at, version);
    }

    @EventHandler
    void on(OrderConfirmed event, @Timestamp Instant at, @SequenceNumber long version) {
        status(event.orderId(), OrderStatus.CONFIRMED, at, version);
    }

    @EventHandler
    void on(OrderShipped event, @Timestamp Instant at, @SequenceNumber long version) {
        status(event.orderId(), OrderStatus.SHIPPED, at, version);
    }

    @EventHandler
    void on(OrderDelivered event, @Timestamp Instant at, @SequenceNumber long version) {
        status(event.orderId(), OrderStatus.DELIVERED, at, version);
    }

    private void status(String orderId, OrderStatus status, Instant at, long version) {
        writes.run(() -> jdbc.update(
                "UPDATE " + table() + " SET status = ?, updated_at = ?, version = ? WHERE order_id = ? AND version < ?",
                status.name(),
                utc(at),
                version,
                orderId,
                version));
    }

    /** A replay starts from an empty read model. */
    @ResetHandler
    void reset() {
        jdbc.execute("TRUNCATE " + table());
    }

    private String table() {
        return slot.get().table("order_summary");
    }

    static OffsetDateTime utc(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }
}
