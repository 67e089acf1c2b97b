package org.orderplatform.query.orders;

import static org.orderplatform.query.orders.OrderSummaryProjection.utc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
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
import org.orderplatform.api.order.ShippingAddress;
import org.orderplatform.api.order.ShippingAddressChanged;
import org.orderplatform.query.projection.ProjectionWrites;
import org.orderplatform.query.projection.ReadModel;
import org.orderplatform.query.projection.ReadModelJson;
import org.orderplatform.query.slot.Slot;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The whole order ({@code order_detail_<slot>}) and its timeline ({@code order_timeline_<slot>},
 * one row per event). Writes are conditional on the sequence number, as in the summary.
 */
@ProcessingGroup(ReadModel.ORDER_DETAIL_GROUP)
public class OrderDetailProjection {

    private final JdbcTemplate jdbc;
    private final ProjectionWrites writes;
    private final ObjectMapper json;
    private final Supplier<Slot> slot;

    public OrderDetailProjection(JdbcTemplate jdbc, ProjectionWrites writes, ObjectMapper json, Supplier<Slot> slot) {
        this.jdbc = jdbc;
        this.writes = writes;
        this.json = ReadModelJson.of(json);
        this.slot = slot;
    }

    @EventHandler
    void on(OrderPlaced event, @Timestamp Instant at, @SequenceNumber long version) {
        Slot target = slot.get();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("totalMinor", event.totalMinor());
        details.put("currency", event.currency());
        details.put("lineCount", event.lines().size());
        writes.run(() -> withTimeline(
                new TimelineEntry(target, event.orderId(), version, "OrderPlaced", at, details),
                "INSERT INTO " + target.table("order_detail") + " (order_id, customer_id, status, currency,"
                        + " total_minor, lines, shipping_address, " + ADDRESS_COLUMNS + ", created_at, updated_at,"
                        + " version) VALUES (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (order_id) DO NOTHING",
                concat(
                        new Object[] {
                            event.orderId(),
                            event.customerId(),
                            OrderStatus.PLACED.name(),
                            event.currency(),
                            event.totalMinor(),
                            write(event.lines()),
                            write(event.shippingAddress())
                        },
                        addressColumns(event.shippingAddress()),
                        new Object[] {utc(at), utc(at), version})));
    }

    @EventHandler
    void on(ShippingAddressChanged event, @Timestamp Instant at, @SequenceNumber long version) {
        Slot target = slot.get();
        writes.run(() -> withTimeline(
                new TimelineEntry(
                        target,
                        event.orderId(),
                        version,
                        "ShippingAddressChanged",
                        at,
                        Map.of("shippingAddress", event.shippingAddress())),
                "UPDATE " + target.table("order_detail") + " SET shipping_address = ?::jsonb, ship_to_recipient = ?,"
                        + " ship_to_line1 = ?, ship_to_line2 = ?, ship_to_city = ?, ship_to_region = ?,"
                        + " ship_to_postal_code = ?, ship_to_country = ?, updated_at = ?, version = ?"
                        + " WHERE order_id = ? AND version < ?",
                concat(
                        new Object[] {write(event.shippingAddress())},
                        addressColumns(event.shippingAddress()),
                        new Object[] {utc(at), version, event.orderId(), version})));
    }

    @EventHandler
    void on(OrderCancelled event, @Timestamp Instant at, @SequenceNumber long version) {
        Slot target = slot.get();
        Map<String, Object> cancellation = new LinkedHashMap<>();
        cancellation.put("reason", event.reason());
        cancellation.put("comment", event.comment());
        cancellation.put("cancelledAt", at.toString());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("reason", event.reason());
        details.put("comment", event.comment());
        writes.run(() -> withTimeline(
                new TimelineEntry(target, event.orderId(), version, "OrderCancelled", at, details),
                "UPDATE " + target.table("order_detail") + " SET status = ?, cancellation = ?::jsonb,"
                        + " updated_at = ?, version = ? WHERE order_id = ? AND version < ?",
                OrderStatus.CANCELLED.name(),
                write(cancellation),
                utc(at),
                version,
                event.orderId(),
                version));
    }

    @EventHandler
    void on(OrderConfirmed event, @Timestamp Instant at, @SequenceNumber long version) {
        status(event.orderId(), OrderStatus.CONFIRMED, "OrderConfirmed", at, version);
    }

    @EventHandler
    void on(OrderShipped event, @Timestamp Instant at, @SequenceNumber long version) {
        status(event.orderId(), OrderStatus.SHIPPED, "OrderShipped", at, version);
    }

    @EventHandler
    void on(OrderDelivered event, @Timestamp Instant at, @SequenceNumber long version) {
        status(event.orderId(), OrderStatus.DELIVERED, "OrderDelivered", at, version);
    }

    private void status(String orderId, OrderStatus status, String type, Instant at, long version) {
        Slot target = slot.get();
        writes.run(() -> withTimeline(
                new TimelineEntry(target, orderId, version, type, at, Map.of("status", status.name())),
                "UPDATE " + target.table("order_detail") + " SET status = ?, updated_at = ?, version = ?"
                        + " WHERE order_id = ? AND version < ?",
                status.name(),
                utc(at),
                version,
                orderId,
                version));
    }

    @ResetHandler
    void reset() {
        Slot target = slot.get();
        jdbc.execute("TRUNCATE " + target.table("order_detail") + ", " + target.table("order_timeline"));
    }

    /**
     * Runs {@code sql} and adds the timeline row in the same statement (a data-modifying WITH
     * clause): one round trip, and the two writes succeed or fail together.
     */
    private void withTimeline(TimelineEntry entry, String sql, Object... args) {
        Object[] all = new Object[args.length + 5];
        all[0] = entry.orderId();
        all[1] = entry.version();
        all[2] = entry.type();
        all[3] = utc(entry.at());
        all[4] = write(entry.details());
        System.arraycopy(args, 0, all, 5, args.length);
        jdbc.update(
                "WITH timeline AS (INSERT INTO " + entry.target().table("order_timeline")
                        + " (order_id, version, event_type, occurred_at, details) VALUES (?, ?, ?, ?, ?::jsonb)"
                        + " ON CONFLICT (order_id, version) DO NOTHING) " + sql,
                all);
    }

    /**
     * The address as columns, written beside the JSONB document while nodes of the previous release,
     * which read only the document, may still run (the expand step of docs/migrations.md).
     */
    static final String ADDRESS_COLUMNS = "ship_to_recipient, ship_to_line1, ship_to_line2, ship_to_city,"
            + " ship_to_region, ship_to_postal_code, ship_to_country";

    /** Storable as the JSONB document is ({@link ReadModelJson}): text columns refuse U+0000 too. */
    static Object[] addressColumns(ShippingAddress address) {
        return Stream.of(
                        address.recipient(),
                        address.line1(),
                        address.line2(),
                        address.city(),
                        address.region(),
                        address.postalCode(),
                        address.country())
                .map(value -> value == null ? null : ReadModelJson.storable(value))
                .toArray();
    }

    private static Object[] concat(Object[]... parts) {
        return Arrays.stream(parts).flatMap(Arrays::stream).toArray();
    }

    private record TimelineEntry(
            Slot target, String orderId, long version, String type, Instant at, Map<String, ?> details) {}

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "Cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
