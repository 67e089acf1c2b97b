package org.orderplatform.query.orders;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.orderplatform.api.order.OrderCancelled;
import org.orderplatform.api.order.OrderConfirmed;
import org.orderplatform.api.order.OrderDelivered;
import org.orderplatform.api.order.OrderPlaced;
import org.orderplatform.api.order.OrderShipped;
import org.orderplatform.api.order.OrderStatus;
import org.orderplatform.api.order.ShippingAddressChanged;
import org.orderplatform.query.projection.BulkProjector;
import org.orderplatform.query.projection.CopyRows;
import org.orderplatform.query.projection.IrregularHistoryException;
import org.orderplatform.query.projection.ProjectedEvent;
import org.orderplatform.query.projection.ReadModel;
import org.orderplatform.query.projection.SqlArrays;
import org.orderplatform.query.slot.Slot;

/**
 * {@link OrderSummaryProjection} for a chunk of events. Orders placed in the chunk are folded in
 * memory and copied in; orders placed in an earlier chunk get one set-based update, which applies
 * the chunk's changes as the live handlers' conditional updates would ({@code version < ?} per
 * event: with rising sequence numbers, exactly the events newer than the row apply, so the row
 * takes the last one's timestamp and version, and the last status event's status if that one is
 * newer than the row).
 */
public class OrderSummaryBulkProjector implements BulkProjector {

    @Override
    public ReadModel readModel() {
        return ReadModel.ORDER_SUMMARY;
    }

    @Override
    public void project(List<ProjectedEvent> events, Slot slot, Connection connection) throws SQLException {
        Map<String, Row> placed = new LinkedHashMap<>();
        Map<String, Patch> patches = new LinkedHashMap<>();
        for (ProjectedEvent event : events) {
            if (!event.hasSequenceNumber()) {
                continue; // the live handlers take a sequence number: they never see such an event
            }
            long version = event.sequenceNumber();
            Instant at = event.timestamp();
            Object payload = event.payload();
            if (payload instanceof OrderPlaced p) {
                if (patches.containsKey(p.orderId())) {
                    throw new IrregularHistoryException("order " + p.orderId() + " changed before it was placed");
                }
                placed.putIfAbsent(p.orderId(), new Row(p, at, version));
            } else if (payload instanceof ShippingAddressChanged c) {
                change(placed, patches, c.orderId(), null, at, version);
            } else if (payload instanceof OrderCancelled c) {
                change(placed, patches, c.orderId(), OrderStatus.CANCELLED, at, version);
            } else if (payload instanceof OrderConfirmed c) {
                change(placed, patches, c.orderId(), OrderStatus.CONFIRMED, at, version);
            } else if (payload instanceof OrderShipped c) {
                change(placed, patches, c.orderId(), OrderStatus.SHIPPED, at, version);
            } else if (payload instanceof OrderDelivered c) {
                change(placed, patches, c.orderId(), OrderStatus.DELIVERED, at, version);
            }
        }
        insert(placed, slot.table("order_summary"), connection);
        update(patches, slot.table("order_summary"), connection);
    }

    private static void change(
            Map<String, Row> placed,
            Map<String, Patch> patches,
            String orderId,
            OrderStatus status,
            Instant at,
            long version) {
        Row row = placed.get(orderId);
        if (row != null) {
            if (row.version < version) {
                row.updatedAt = at;
                row.version = version;
                if (status != null) {
                    row.status = status;
                }
            }
            return;
        }
        Patch patch = patches.computeIfAbsent(orderId, id -> new Patch());
        if (patch.version != null && patch.version >= version) {
            throw new IrregularHistoryException("sequence numbers of order " + orderId + " do not rise");
        }
        patch.version = version;
        patch.updatedAt = at;
        if (status != null) {
            patch.status = status;
            patch.statusVersion = version;
        }
    }

    private static void insert(Map<String, Row> placed, String table, Connection connection) throws SQLException {
        CopyRows rows = new CopyRows(
                table,
                "order_id, customer_id, status, total_minor, currency, line_count, created_at, updated_at, version");
        placed.forEach((orderId, row) -> {
            rows.text(orderId)
                    .text(row.customerId)
                    .text(row.status.name())
                    .number(row.totalMinor)
                    .text(row.currency)
                    .number(row.lineCount)
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
        List<String> ids = new ArrayList<>(patches.size());
        List<String> updatedAt = new ArrayList<>(patches.size());
        List<Long> versions = new ArrayList<>(patches.size());
        List<String> statuses = new ArrayList<>(patches.size());
        List<Long> statusVersions = new ArrayList<>(patches.size());
        patches.forEach((orderId, patch) -> {
            ids.add(orderId);
            updatedAt.add(CopyRows.timestampText(patch.updatedAt));
            versions.add(patch.version);
            statuses.add(patch.status == null ? null : patch.status.name());
            statusVersions.add(patch.statusVersion);
        });
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + table + " AS t SET"
                + " status = CASE WHEN t.version < u.status_version THEN u.status ELSE t.status END,"
                + " updated_at = u.updated_at::timestamptz, version = u.version"
                + " FROM unnest(?::text[], ?::text[], ?::bigint[], ?::text[], ?::bigint[])"
                + " AS u(order_id, updated_at, version, status, status_version)"
                + " WHERE t.order_id = u.order_id AND t.version < u.version")) {
            update.setArray(1, SqlArrays.text(connection, ids));
            update.setArray(2, SqlArrays.text(connection, updatedAt));
            update.setArray(3, SqlArrays.bigint(connection, versions));
            update.setArray(4, SqlArrays.text(connection, statuses));
            update.setArray(5, SqlArrays.bigint(connection, statusVersions));
            update.executeUpdate();
        }
    }

    /** The row of an order placed in this chunk, as the live handlers would leave it. */
    private static final class Row {
        final String customerId;
        final long totalMinor;
        final String currency;
        final int lineCount;
        final Instant createdAt;
        OrderStatus status = OrderStatus.PLACED;
        Instant updatedAt;
        long version;

        Row(OrderPlaced event, Instant at, long version) {
            this.customerId = event.customerId();
            this.totalMinor = event.totalMinor();
            this.currency = event.currency();
            this.lineCount = event.lines().size();
            this.createdAt = at;
            this.updatedAt = at;
            this.version = version;
        }
    }

    /** The chunk's changes to an order placed before it: the last event, and the last status event. */
    private static final class Patch {
        Long version;
        Instant updatedAt;
        OrderStatus status;
        Long statusVersion;
    }
}
