package org.orderplatform.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.orderplatform.api.order.OrderCancelled;
import org.orderplatform.api.order.OrderConfirmed;
import org.orderplatform.api.order.OrderDelivered;
import org.orderplatform.api.order.OrderPlaced;
import org.orderplatform.api.order.OrderShipped;
import org.orderplatform.api.order.ShippingAddressChanged;
import org.postgresql.PGConnection;

/**
 * The replay baseline: plain JDBC reads the same events and makes the same read-model writes as a
 * projection, the fastest way it can. One streaming {@code SELECT} (payloads only of the event
 * types the read model handles); events folded in memory per chunk; rows of orders first seen in
 * the chunk written with {@code COPY}, changes to older orders as batched statements; one
 * transaction per chunk. No framework, no tokens, no dead letters.
 */
final class PlainReplay {

    private static final int CHUNK = 50_000;
    private static final List<Class<?>> ORDER_EVENTS = List.of(
            OrderPlaced.class,
            ShippingAddressChanged.class,
            OrderConfirmed.class,
            OrderShipped.class,
            OrderDelivered.class,
            OrderCancelled.class);

    private final DataSource dataSource;
    private final ObjectMapper events;
    private final ObjectMapper json;

    /**
     * @param events the mapper events are stored with
     * @param json the mapper the projections write their JSON columns with
     */
    PlainReplay(DataSource dataSource, ObjectMapper events, ObjectMapper json) {
        this.dataSource = dataSource;
        this.events = events;
        this.json = json;
    }

    /** Rebuilds {@code readModel} into {@code slot}'s tables; returns the events read. */
    long run(String readModel, String slot) throws Exception {
        Projector projector = switch (readModel) {
            case "order-summary" -> new SummaryProjector(slot);
            case "order-detail" -> new DetailProjector(slot);
            case "customer-stats" -> new StatsProjector(slot);
            default -> throw new IllegalArgumentException(readModel);
        };
        Map<String, Class<?>> types = new HashMap<>();
        projector.handled().forEach(type -> types.put(type.getName(), type));
        try (Connection read = dataSource.getConnection();
                Connection write = dataSource.getConnection()) {
            read.setAutoCommit(false); // lets the driver stream with a cursor
            write.setAutoCommit(false);
            try (Statement truncate = write.createStatement()) {
                truncate.execute("TRUNCATE " + String.join(", ", projector.tables()));
            }
            write.commit();
            long count = 0;
            String inList = String.join(
                    ", ", types.keySet().stream().map(name -> "'" + name + "'").toList());
            try (PreparedStatement select =
                    read.prepareStatement("SELECT aggregate_identifier, sequence_number, time_stamp, payload_type,"
                            + " CASE WHEN payload_type IN (" + inList + ") THEN payload END"
                            + " FROM domain_event_entry ORDER BY global_index")) {
                select.setFetchSize(5_000);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        count++;
                        byte[] payload = rs.getBytes(5);
                        if (payload != null) {
                            Object event = events.readValue(payload, types.get(rs.getString(4)));
                            projector.apply(rs.getString(1), rs.getLong(2), rs.getString(3), event);
                        }
                        if (count % CHUNK == 0) {
                            projector.flush(write);
                            write.commit();
                        }
                    }
                }
            }
            projector.flush(write);
            write.commit();
            read.commit();
            return count;
        }
    }

    private interface Projector {
        List<Class<?>> handled();

        List<String> tables();

        void apply(String orderId, long version, String at, Object event) throws Exception;

        void flush(Connection connection) throws Exception;
    }

    /** {@code order_summary}: one row per order. */
    private final class SummaryProjector implements Projector {
        private final String table;
        private final Map<String, String[]> fresh = new LinkedHashMap<>();
        private final List<Object[]> older = new ArrayList<>();

        SummaryProjector(String slot) {
            this.table = "order_summary_" + slot;
        }

        @Override
        public List<Class<?>> handled() {
            return ORDER_EVENTS;
        }

        @Override
        public List<String> tables() {
            return List.of(table);
        }

        @Override
        public void apply(String orderId, long version, String at, Object event) {
            if (event instanceof OrderPlaced placed) {
                fresh.putIfAbsent(orderId, new String[] {
                    orderId,
                    placed.customerId(),
                    "PLACED",
                    Long.toString(placed.totalMinor()),
                    placed.currency(),
                    Integer.toString(placed.lines().size()),
                    at,
                    at,
                    Long.toString(version)
                });
                return;
            }
            String status = statusOf(event);
            String[] row = fresh.get(orderId);
            if (row == null) {
                older.add(new Object[] {status, at, version, orderId, version});
            } else if (Long.parseLong(row[8]) < version) {
                if (status != null) {
                    row[2] = status;
                }
                row[7] = at;
                row[8] = Long.toString(version);
            }
        }

        @Override
        public void flush(Connection connection) throws Exception {
            copy(
                    connection,
                    table,
                    "order_id, customer_id, status, total_minor, currency, line_count,"
                            + " created_at, updated_at, version",
                    fresh.values());
            fresh.clear();
            batch(
                    connection,
                    "UPDATE " + table + " SET status = coalesce(?, status), updated_at = ?::timestamptz, version = ?"
                            + " WHERE order_id = ? AND version < ?",
                    older);
            older.clear();
        }
    }

    /** {@code order_detail} and {@code order_timeline}: the whole order, and a row per event. */
    private final class DetailProjector implements Projector {
        private final String detail;
        private final String timeline;
        private final Map<String, String[]> fresh = new LinkedHashMap<>();
        private final List<String[]> entries = new ArrayList<>();
        private final List<Object[]> older = new ArrayList<>();

        DetailProjector(String slot) {
            this.detail = "order_detail_" + slot;
            this.timeline = "order_timeline_" + slot;
        }

        @Override
        public List<Class<?>> handled() {
            return ORDER_EVENTS;
        }

        @Override
        public List<String> tables() {
            return List.of(detail, timeline);
        }

        @Override
        public void apply(String orderId, long version, String at, Object event) throws Exception {
            String type = event.getClass().getSimpleName();
            Map<String, Object> details = new LinkedHashMap<>();
            String status = statusOf(event);
            String address = null;
            String cancellation = null;
            if (event instanceof OrderPlaced placed) {
                details.put("totalMinor", placed.totalMinor());
                details.put("currency", placed.currency());
                details.put("lineCount", placed.lines().size());
                entries.add(new String[] {orderId, Long.toString(version), type, at, json.writeValueAsString(details)});
                fresh.putIfAbsent(orderId, new String[] {
                    orderId,
                    placed.customerId(),
                    "PLACED",
                    placed.currency(),
                    Long.toString(placed.totalMinor()),
                    json.writeValueAsString(placed.lines()),
                    json.writeValueAsString(placed.shippingAddress()),
                    null,
                    at,
                    at,
                    Long.toString(version)
                });
                return;
            }
            if (event instanceof ShippingAddressChanged changed) {
                address = json.writeValueAsString(changed.shippingAddress());
                details.put("shippingAddress", changed.shippingAddress());
            } else if (event instanceof OrderCancelled cancelled) {
                Map<String, Object> value = new LinkedHashMap<>();
                value.put("reason", cancelled.reason());
                value.put("comment", cancelled.comment());
                value.put("cancelledAt", at);
                cancellation = json.writeValueAsString(value);
                details.put("reason", cancelled.reason());
                details.put("comment", cancelled.comment());
            } else {
                details.put("status", status);
            }
            entries.add(new String[] {orderId, Long.toString(version), type, at, json.writeValueAsString(details)});
            String[] row = fresh.get(orderId);
            if (row == null) {
                older.add(new Object[] {status, address, cancellation, at, version, orderId, version});
            } else if (Long.parseLong(row[10]) < version) {
                if (status != null) {
                    row[2] = status;
                }
                if (address != null) {
                    row[6] = address;
                }
                if (cancellation != null) {
                    row[7] = cancellation;
                }
                row[9] = at;
                row[10] = Long.toString(version);
            }
        }

        @Override
        public void flush(Connection connection) throws Exception {
            copy(
                    connection,
                    detail,
                    "order_id, customer_id, status, currency, total_minor, lines, shipping_address,"
                            + " cancellation, created_at, updated_at, version",
                    fresh.values());
            fresh.clear();
            copy(connection, timeline, "order_id, version, event_type, occurred_at, details", entries);
            entries.clear();
            batch(
                    connection,
                    "UPDATE " + detail + " SET status = coalesce(?, status), shipping_address ="
                            + " coalesce(?::jsonb, shipping_address), cancellation = coalesce(?::jsonb, cancellation),"
                            + " updated_at = ?::timestamptz, version = ? WHERE order_id = ? AND version < ?",
                    older);
            older.clear();
        }
    }

    /** {@code customer_stats} (sums per customer and currency) and {@code customer_stats_order}. */
    private final class StatsProjector implements Projector {
        private final String stats;
        private final String orders;
        private final Map<String, Object[]> fresh = new LinkedHashMap<>();
        private final Map<String, long[]> sums = new LinkedHashMap<>();
        private final Map<String, String> sumUpdatedAt = new HashMap<>();
        private final List<Object[]> olderCancellations = new ArrayList<>();

        StatsProjector(String slot) {
            this.stats = "customer_stats_" + slot;
            this.orders = "customer_stats_order_" + slot;
        }

        @Override
        public List<Class<?>> handled() {
            return List.of(OrderPlaced.class, OrderCancelled.class);
        }

        @Override
        public List<String> tables() {
            return List.of(stats, orders);
        }

        @Override
        public void apply(String orderId, long version, String at, Object event) {
            if (event instanceof OrderPlaced placed) {
                if (fresh.putIfAbsent(orderId, new Object[] {
                            orderId, placed.customerId(), placed.currency(), placed.totalMinor(), false
                        })
                        == null) {
                    String key = placed.customerId() + "\u0000" + placed.currency();
                    long[] sum = sums.computeIfAbsent(key, k -> new long[4]);
                    sum[0]++;
                    sum[1] += placed.totalMinor();
                    sumUpdatedAt.put(key, at);
                }
            } else if (event instanceof OrderCancelled) {
                Object[] row = fresh.get(orderId);
                if (row == null) {
                    olderCancellations.add(new Object[] {orderId, at});
                } else if (!(Boolean) row[4]) {
                    row[4] = true;
                    String key = row[1] + "\u0000" + row[2];
                    long[] sum = sums.computeIfAbsent(key, k -> new long[4]);
                    sum[2]++;
                    sum[3] += (Long) row[3];
                    sumUpdatedAt.put(key, at);
                }
            }
        }

        @Override
        public void flush(Connection connection) throws Exception {
            List<String[]> rows = new ArrayList<>(fresh.size());
            for (Object[] row : fresh.values()) {
                rows.add(new String[] {
                    (String) row[0], (String) row[1], (String) row[2], row[3].toString(), row[4].toString()
                });
            }
            copy(connection, orders, "order_id, customer_id, currency, total_minor, cancelled", rows);
            fresh.clear();
            List<Object[]> upserts = new ArrayList<>(sums.size());
            sums.forEach((key, sum) -> {
                String[] parts = key.split("\u0000", 2);
                upserts.add(new Object[] {parts[0], parts[1], sum[0], sum[1], sum[2], sum[3], sumUpdatedAt.get(key)});
            });
            batch(
                    connection,
                    "INSERT INTO " + stats + " AS s (customer_id, currency, order_count, total_minor, cancelled_count,"
                            + " cancelled_total_minor, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?::timestamptz)"
                            + " ON CONFLICT (customer_id, currency) DO UPDATE SET"
                            + " order_count = s.order_count + excluded.order_count,"
                            + " total_minor = s.total_minor + excluded.total_minor,"
                            + " cancelled_count = s.cancelled_count + excluded.cancelled_count,"
                            + " cancelled_total_minor = s.cancelled_total_minor + excluded.cancelled_total_minor,"
                            + " updated_at = excluded.updated_at",
                    upserts);
            sums.clear();
            sumUpdatedAt.clear();
            batch(
                    connection,
                    "WITH flipped AS (UPDATE " + orders + " SET cancelled = true WHERE order_id = ? AND NOT cancelled"
                            + " RETURNING customer_id, currency, total_minor) UPDATE " + stats + " AS s SET"
                            + " cancelled_count = s.cancelled_count + 1, cancelled_total_minor ="
                            + " s.cancelled_total_minor + flipped.total_minor, updated_at = ?::timestamptz FROM flipped"
                            + " WHERE s.customer_id = flipped.customer_id AND s.currency = flipped.currency",
                    olderCancellations);
            olderCancellations.clear();
        }
    }

    private static String statusOf(Object event) {
        if (event instanceof OrderConfirmed) {
            return "CONFIRMED";
        }
        if (event instanceof OrderShipped) {
            return "SHIPPED";
        }
        if (event instanceof OrderDelivered) {
            return "DELIVERED";
        }
        if (event instanceof OrderCancelled) {
            return "CANCELLED";
        }
        return null;
    }

    /** {@code COPY} in CSV: every value quoted (quotes doubled), null as an unquoted empty field. */
    private static void copy(Connection connection, String table, String columns, Iterable<String[]> rows)
            throws Exception {
        StringBuilder csv = new StringBuilder();
        int count = 0;
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    csv.append(',');
                }
                if (row[i] != null) {
                    csv.append('"').append(row[i].replace("\"", "\"\"")).append('"');
                }
            }
            csv.append('\n');
            count++;
        }
        if (count > 0) {
            connection
                    .unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn(
                            "COPY " + table + " (" + columns + ") FROM STDIN WITH (FORMAT csv)",
                            new StringReader(csv.toString()));
        }
    }

    private static void batch(Connection connection, String sql, List<Object[]> rows) throws Exception {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (Object[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    statement.setObject(i + 1, row[i]);
                }
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }
}
