package org.orderplatform.query.orders;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.orderplatform.api.order.OrderCancelled;
import org.orderplatform.api.order.OrderConfirmed;
import org.orderplatform.api.order.OrderDelivered;
import org.orderplatform.api.order.OrderPlaced;
import org.orderplatform.api.order.OrderShipped;
import org.orderplatform.api.order.OrderStatus;
import org.orderplatform.api.order.ShippingAddress;
import org.orderplatform.api.order.ShippingAddressChanged;
import org.orderplatform.query.projection.BulkProjector;
import org.orderplatform.query.projection.CopyRows;
import org.orderplatform.query.projection.IrregularHistoryException;
import org.orderplatform.query.projection.ProjectedEvent;
import org.orderplatform.query.projection.ReadModel;
import org.orderplatform.query.projection.ReadModelJson;
import org.orderplatform.query.projection.SqlArrays;
import org.orderplatform.query.slot.Slot;

/**
 * {@link OrderDetailProjection} for a chunk of events: orders placed in the chunk are folded in
 * memory and copied in, with every event's timeline row; orders placed earlier get one set-based
 * update in which each column takes the value of the last event that writes it, if that event is
 * newer than the row (what the live handlers' {@code version < ?} updates come to, one by one).
 * JSON is written by the same mapper, from the same values, as in the live projection.
 */
public class OrderDetailBulkProjector implements BulkProjector {

    private final ObjectMapper json;

    public OrderDetailBulkProjector(ObjectMapper json) {
        this.json = ReadModelJson.of(json);
    }

    @Override
    public ReadModel readModel() {
        return ReadModel.ORDER_DETAIL;
    }

    @Override
    public void project(List<ProjectedEvent> events, Slot slot, Connection connection) throws SQLException {
        Map<String, Row> placed = new LinkedHashMap<>();
        Map<String, Patch> patches = new LinkedHashMap<>();
        CopyRows timeline =
                new CopyRows(slot.table("order_timeline"), "order_id, version, event_type, occurred_at, details");
        Set<String> timelineKeys = new HashSet<>();
        for (ProjectedEvent event : events) {
            if (!event.hasSequenceNumber()) {
                continue; // the live handlers take a sequence number: they never see such an event
            }
            long version = event.sequenceNumber();
            Instant at = event.timestamp();
            Object payload = event.payload();
            Change change;
            if (payload instanceof OrderPlaced p) {
                if (patches.containsKey(p.orderId())) {
                    throw new IrregularHistoryException("order " + p.orderId() + " changed before it was placed");
                }
                if (!placed.containsKey(p.orderId())) {
                    placed.put(p.orderId(), new Row(p, at, version));
                }
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("totalMinor", p.totalMinor());
                details.put("currency", p.currency());
                details.put("lineCount", p.lines().size());
                addTimeline(timeline, timelineKeys, p.orderId(), version, "OrderPlaced", at, details);
                continue;
            } else if (payload instanceof ShippingAddressChanged c) {
                change = new Change(c.orderId(), null, c.shippingAddress(), write(c.shippingAddress()), null);
                addTimeline(
                        timeline,
                        timelineKeys,
                        c.orderId(),
                        version,
                        "ShippingAddressChanged",
                        at,
                        Map.of("shippingAddress", c.shippingAddress()));
            } else if (payload instanceof OrderCancelled c) {
                Map<String, Object> cancellation = new LinkedHashMap<>();
                cancellation.put("reason", c.reason());
                cancellation.put("comment", c.comment());
                cancellation.put("cancelledAt", at.toString());
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("reason", c.reason());
                details.put("comment", c.comment());
                change = new Change(c.orderId(), OrderStatus.CANCELLED, null, null, write(cancellation));
                addTimeline(timeline, timelineKeys, c.orderId(), version, "OrderCancelled", at, details);
            } else if (payload instanceof OrderConfirmed c) {
                change = status(
                        timeline, timelineKeys, c.orderId(), OrderStatus.CONFIRMED, "OrderConfirmed", at, version);
            } else if (payload instanceof OrderShipped c) {
                change = status(timeline, timelineKeys, c.orderId(), OrderStatus.SHIPPED, "OrderShipped", at, version);
            } else if (payload instanceof OrderDelivered c) {
                change = status(
                        timeline, timelineKeys, c.orderId(), OrderStatus.DELIVERED, "OrderDelivered", at, version);
            } else {
                continue;
            }
            apply(placed, patches, change, at, version);
        }
        insert(placed, slot.table("order_detail"), connection);
        update(patches, slot.table("order_detail"), connection);
        timeline.copy(connection);
    }

    private Change status(
            CopyRows timeline,
            Set<String> keys,
            String orderId,
            OrderStatus status,
            String type,
            Instant at,
            long version) {
        addTimeline(timeline, keys, orderId, version, type, at, Map.of("status", status.name()));
        return new Change(orderId, status, null, null, null);
    }

    /** A timeline row per event, as the live handlers' {@code ON CONFLICT (order_id, version) DO NOTHING}. */
    private void addTimeline(
            CopyRows timeline,
            Set<String> keys,
            String orderId,
            long version,
            String type,
            Instant at,
            Map<String, ?> details) {
        if (keys.add(version + ":" + orderId)) {
            timeline.text(orderId)
                    .number(version)
                    .text(type)
                    .timestamp(at)
                    .text(write(details))
                    .endRow();
        }
    }

    private static void apply(
            Map<String, Row> placed, Map<String, Patch> patches, Change change, Instant at, long version) {
        Row row = placed.get(change.orderId());
        if (row != null) {
            if (row.version < version) {
                row.updatedAt = at;
                row.version = version;
                if (change.status() != null) {
                    row.status = change.status();
                }
                if (change.address() != null) {
                    row.shippingAddress = change.address();
                    row.shippingAddressJson = change.addressJson();
                }
                if (change.cancellation() != null) {
                    row.cancellation = change.cancellation();
                }
            }
            return;
        }
        Patch patch = patches.computeIfAbsent(change.orderId(), id -> new Patch());
        if (patch.version != null && patch.version >= version) {
            throw new IrregularHistoryException("sequence numbers of order " + change.orderId() + " do not rise");
        }
        patch.version = version;
        patch.updatedAt = at;
        if (change.status() != null) {
            patch.status = change.status();
            patch.statusVersion = version;
        }
        if (change.address() != null) {
            patch.address = change.addressJson();
            patch.addressVersion = version;
        }
        if (change.cancellation() != null) {
            patch.cancellation = change.cancellation();
            patch.cancellationVersion = version;
        }
    }

    private static void insert(Map<String, Row> placed, String table, Connection connection) throws SQLException {
        CopyRows rows = new CopyRows(
                table,
                "order_id, customer_id, status, currency, total_minor, lines, shipping_address, "
                        + OrderDetailProjection.ADDRESS_COLUMNS + ", cancellation, created_at, updated_at, version");
        placed.forEach((orderId, row) -> {
            rows.text(orderId)
                    .text(row.customerId)
                    .text(row.status.name())
                    .text(row.currency)
                    .number(row.totalMinor)
                    .text(row.lines)
                    .text(row.shippingAddressJson);
            for (Object column : OrderDetailProjection.addressColumns(row.shippingAddress)) {
                rows.text((String) column);
            }
            rows.text(row.cancellation)
                    .timestamp(row.createdAt)
                    .timestamp(row.updatedAt)
                    .number(row.version)
                    .endRow();
        });
        rows.copy(connection);
    }

    private static void update(Map<String, Patch> patches, String table, Connection connection) throws SQLException {
        if (patches.isEmpty()) {
            return;
        }
        int size = patches.size();
        List<String> ids = new ArrayList<>(size);
        List<String> updatedAt = new ArrayList<>(size);
        List<Long> versions = new ArrayList<>(size);
        List<String> statuses = new ArrayList<>(size);
        List<Long> statusVersions = new ArrayList<>(size);
        List<String> addresses = new ArrayList<>(size);
        List<Long> addressVersions = new ArrayList<>(size);
        List<String> cancellations = new ArrayList<>(size);
        List<Long> cancellationVersions = new ArrayList<>(size);
        patches.forEach((orderId, patch) -> {
            ids.add(orderId);
            updatedAt.add(CopyRows.timestampText(patch.updatedAt));
            versions.add(patch.version);
            statuses.add(patch.status == null ? null : patch.status.name());
            statusVersions.add(patch.statusVersion);
            addresses.add(patch.address);
            addressVersions.add(patch.addressVersion);
            cancellations.add(patch.cancellation);
            cancellationVersions.add(patch.cancellationVersion);
        });
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + table + " AS t SET"
                + " status = CASE WHEN t.version < u.status_version THEN u.status ELSE t.status END,"
                + " shipping_address = CASE WHEN t.version < u.address_version THEN u.address::jsonb"
                + " ELSE t.shipping_address END,"
                // the address columns beside it, from the same document (docs/migrations.md)
                + ADDRESS_COLUMNS_FROM_DOCUMENT
                + " cancellation = CASE WHEN t.version < u.cancellation_version THEN u.cancellation::jsonb"
                + " ELSE t.cancellation END,"
                + " updated_at = u.updated_at::timestamptz, version = u.version"
                + " FROM unnest(?::text[], ?::text[], ?::bigint[], ?::text[], ?::bigint[], ?::text[], ?::bigint[],"
                + " ?::text[], ?::bigint[]) AS u(order_id, updated_at, version, status, status_version, address,"
                + " address_version, cancellation, cancellation_version)"
                + " WHERE t.order_id = u.order_id AND t.version < u.version")) {
            update.setArray(1, SqlArrays.text(connection, ids));
            update.setArray(2, SqlArrays.text(connection, updatedAt));
            update.setArray(3, SqlArrays.bigint(connection, versions));
            update.setArray(4, SqlArrays.text(connection, statuses));
            update.setArray(5, SqlArrays.bigint(connection, statusVersions));
            update.setArray(6, SqlArrays.text(connection, addresses));
            update.setArray(7, SqlArrays.bigint(connection, addressVersions));
            update.setArray(8, SqlArrays.text(connection, cancellations));
            update.setArray(9, SqlArrays.bigint(connection, cancellationVersions));
            update.executeUpdate();
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "Cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** {@code ship_to_x = CASE ... u.address ->> 'x' ...} for each address column: built once. */
    private static final String ADDRESS_COLUMNS_FROM_DOCUMENT = addressColumnsFromDocument();

    private static String addressColumnsFromDocument() {
        StringBuilder sql = new StringBuilder();
        for (String column : OrderDetailProjection.ADDRESS_COLUMNS.split(", ")) {
            String field = switch (column) {
                case "ship_to_postal_code" -> "postalCode";
                default -> column.substring("ship_to_".length());
            };
            sql.append(" ")
                    .append(column)
                    .append(" = CASE WHEN t.version < u.address_version THEN u.address::jsonb ->> '")
                    .append(field)
                    .append("' ELSE t.")
                    .append(column)
                    .append(" END,");
        }
        return sql.toString();
    }

    /** What one event changes besides the timestamp and version; null: left as it is. */
    private record Change(
            String orderId, OrderStatus status, ShippingAddress address, String addressJson, String cancellation) {}

    /** The row of an order placed in this chunk, as the live handlers would leave it. */
    private final class Row {
        final String customerId;
        final String currency;
        final long totalMinor;
        final String lines;
        final Instant createdAt;
        OrderStatus status = OrderStatus.PLACED;
        ShippingAddress shippingAddress;
        String shippingAddressJson;
        String cancellation;
        Instant updatedAt;
        long version;

        Row(OrderPlaced event, Instant at, long version) {
            this.customerId = event.customerId();
            this.currency = event.currency();
            this.totalMinor = event.totalMinor();
            this.lines = write(event.lines());
            this.shippingAddress = event.shippingAddress();
            this.shippingAddressJson = write(event.shippingAddress());
            this.createdAt = at;
            this.updatedAt = at;
            this.version = version;
        }
    }

    /** The chunk's changes to an order placed before it: per column, the last value and its event's version. */
    private static final class Patch {
        Long version;
        Instant updatedAt;
        OrderStatus status;
        Long statusVersion;
        String address;
        Long addressVersion;
        String cancellation;
        Long cancellationVersion;
    }
}
