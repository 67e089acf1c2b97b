package org.orderplatform.query.customers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.orderplatform.api.order.OrderCancelled;
import org.orderplatform.api.order.OrderPlaced;
import org.orderplatform.query.projection.BulkProjector;
import org.orderplatform.query.projection.CopyRows;
import org.orderplatform.query.projection.IrregularHistoryException;
import org.orderplatform.query.projection.ProjectedEvent;
import org.orderplatform.query.projection.ReadModel;
import org.orderplatform.query.projection.SqlArrays;
import org.orderplatform.query.slot.Slot;

/**
 * {@link CustomerStatsProjection} for a chunk of events. Orders placed in the chunk are folded in
 * memory and copied in; cancellations of orders placed earlier flip their rows in one statement,
 * which answers which ones flipped (those count, as in the live handler). The counters then move
 * once per customer and currency, and {@code updated_at} is the time of the last event that moved
 * them, as when the live handlers run one by one.
 */
public class CustomerStatsBulkProjector implements BulkProjector {

    @Override
    public ReadModel readModel() {
        return ReadModel.CUSTOMER_STATS;
    }

    @Override
    public void project(List<ProjectedEvent> events, Slot slot, Connection connection) throws SQLException {
        Map<String, Order> placed = new LinkedHashMap<>();
        Map<String, EarlierCancel> earlierCancels = new LinkedHashMap<>();
        Map<Key, Delta> deltas = new LinkedHashMap<>();
        int position = 0;
        for (ProjectedEvent event : events) {
            position++;
            if (event.payload() instanceof OrderPlaced p) {
                if (earlierCancels.containsKey(p.orderId())) {
                    throw new IrregularHistoryException("order " + p.orderId() + " cancelled before it was placed");
                }
                if (placed.containsKey(p.orderId())) {
                    continue; // the order's row exists: nothing moves
                }
                Order order = new Order(p.customerId(), p.currency(), p.totalMinor());
                placed.put(p.orderId(), order);
                Delta delta = deltas.computeIfAbsent(order.key(), k -> new Delta());
                delta.orderCount++;
                delta.totalMinor += order.totalMinor;
                delta.touched(position, event.timestamp());
            } else if (event.payload() instanceof OrderCancelled c) {
                Order order = placed.get(c.orderId());
                if (order != null) {
                    if (!order.cancelled) {
                        order.cancelled = true;
                        Delta delta = deltas.computeIfAbsent(order.key(), k -> new Delta());
                        delta.cancelledCount++;
                        delta.cancelledTotalMinor += order.totalMinor;
                        delta.touched(position, event.timestamp());
                    }
                } else {
                    // only the first can flip the row; after it the row is cancelled (or absent)
                    earlierCancels.putIfAbsent(c.orderId(), new EarlierCancel(position, event.timestamp()));
                }
            }
        }
        insertOrders(placed, slot.table("customer_stats_order"), connection);
        flipEarlierOrders(earlierCancels, deltas, slot.table("customer_stats_order"), connection);
        moveCounters(deltas, slot.table("customer_stats"), connection);
    }

    private static void insertOrders(Map<String, Order> placed, String table, Connection connection)
            throws SQLException {
        CopyRows rows = new CopyRows(table, "order_id, customer_id, currency, total_minor, cancelled");
        placed.forEach((orderId, order) -> rows.text(orderId)
                .text(order.customerId)
                .text(order.currency)
                .number(order.totalMinor)
                .bool(order.cancelled)
                .endRow());
        rows.copy(connection);
    }

    private static void flipEarlierOrders(
            Map<String, EarlierCancel> cancels, Map<Key, Delta> deltas, String table, Connection connection)
            throws SQLException {
        if (cancels.isEmpty()) {
            return;
        }
        try (PreparedStatement flip = connection.prepareStatement("UPDATE " + table + " AS t SET cancelled = true"
                + " FROM unnest(?::text[]) AS u(order_id) WHERE t.order_id = u.order_id AND NOT t.cancelled"
                + " RETURNING t.order_id, t.customer_id, t.currency, t.total_minor")) {
            flip.setArray(1, SqlArrays.text(connection, new ArrayList<>(cancels.keySet())));
            try (ResultSet flipped = flip.executeQuery()) {
                while (flipped.next()) {
                    EarlierCancel cancel = cancels.get(flipped.getString(1));
                    Delta delta = deltas.computeIfAbsent(
                            new Key(flipped.getString(2), flipped.getString(3)), k -> new Delta());
                    delta.cancelledCount++;
                    delta.cancelledTotalMinor += flipped.getLong(4);
                    delta.touched(cancel.position(), cancel.at());
                }
            }
        }
    }

    /**
     * Customers with new orders: insert or add (the live upsert); customers with cancellations only:
     * add to the row that exists (the live update, which changes nothing when there is none).
     */
    private static void moveCounters(Map<Key, Delta> deltas, String table, Connection connection) throws SQLException {
        Columns upserts = new Columns();
        Columns updates = new Columns();
        deltas.forEach((key, delta) -> (delta.orderCount > 0 ? upserts : updates).add(key, delta));
        if (!upserts.customers.isEmpty()) {
            try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO " + table + " AS s"
                    + " (customer_id, currency, order_count, total_minor, cancelled_count, cancelled_total_minor,"
                    + " updated_at) SELECT customer_id, currency, order_count, total_minor, cancelled_count,"
                    + " cancelled_total_minor, updated_at::timestamptz"
                    + " FROM unnest(?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::text[])"
                    + " AS u(customer_id, currency, order_count, total_minor, cancelled_count, cancelled_total_minor,"
                    + " updated_at) ON CONFLICT (customer_id, currency) DO UPDATE SET"
                    + " order_count = s.order_count + excluded.order_count,"
                    + " total_minor = s.total_minor + excluded.total_minor,"
                    + " cancelled_count = s.cancelled_count + excluded.cancelled_count,"
                    + " cancelled_total_minor = s.cancelled_total_minor + excluded.cancelled_total_minor,"
                    + " updated_at = excluded.updated_at")) {
                upserts.bind(upsert, connection);
                upsert.executeUpdate();
            }
        }
        if (!updates.customers.isEmpty()) {
            try (PreparedStatement update = connection.prepareStatement("UPDATE " + table + " AS s SET"
                    + " cancelled_count = s.cancelled_count + u.cancelled_count,"
                    + " cancelled_total_minor = s.cancelled_total_minor + u.cancelled_total_minor,"
                    + " updated_at = u.updated_at::timestamptz"
                    + " FROM unnest(?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::text[])"
                    + " AS u(customer_id, currency, order_count, total_minor, cancelled_count, cancelled_total_minor,"
                    + " updated_at) WHERE s.customer_id = u.customer_id AND s.currency = u.currency")) {
                updates.bind(update, connection);
                update.executeUpdate();
            }
        }
    }

    private record Key(String customerId, String currency) {}

    private record EarlierCancel(int position, Instant at) {}

    private static final class Order {
        final String customerId;
        final String currency;
        final long totalMinor;
        boolean cancelled;

        Order(String customerId, String currency, long totalMinor) {
            this.customerId = customerId;
            this.currency = currency;
            this.totalMinor = totalMinor;
        }

        Key key() {
            return new Key(customerId, currency);
        }
    }

    /** What the chunk adds to one customer's counters, and the time of the last event that did. */
    private static final class Delta {
        long orderCount;
        long totalMinor;
        long cancelledCount;
        long cancelledTotalMinor;
        int lastPosition = -1;
        Instant updatedAt;

        void touched(int position, Instant at) {
            if (position > lastPosition) {
                lastPosition = position;
                updatedAt = at;
            }
        }
    }

    private static final class Columns {
        final List<String> customers = new ArrayList<>();
        final List<String> currencies = new ArrayList<>();
        final List<Long> orderCounts = new ArrayList<>();
        final List<Long> totals = new ArrayList<>();
        final List<Long> cancelledCounts = new ArrayList<>();
        final List<Long> cancelledTotals = new ArrayList<>();
        final List<String> updatedAt = new ArrayList<>();

        void add(Key key, Delta delta) {
            customers.add(key.customerId());
            currencies.add(key.currency());
            orderCounts.add(delta.orderCount);
            totals.add(delta.totalMinor);
            cancelledCounts.add(delta.cancelledCount);
            cancelledTotals.add(delta.cancelledTotalMinor);
            updatedAt.add(CopyRows.timestampText(delta.updatedAt));
        }

        void bind(PreparedStatement statement, Connection connection) throws SQLException {
            statement.setArray(1, SqlArrays.text(connection, customers));
            statement.setArray(2, SqlArrays.text(connection, currencies));
            statement.setArray(3, SqlArrays.bigint(connection, orderCounts));
            statement.setArray(4, SqlArrays.bigint(connection, totals));
            statement.setArray(5, SqlArrays.bigint(connection, cancelledCounts));
            statement.setArray(6, SqlArrays.bigint(connection, cancelledTotals));
            statement.setArray(7, SqlArrays.text(connection, updatedAt));
        }
    }
}
