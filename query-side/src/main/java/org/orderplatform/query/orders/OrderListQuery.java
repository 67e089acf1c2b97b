package org.orderplatform.query.orders;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of one list query. Every combination of filters maps onto one index of
 * {@code order_summary}: equality columns first, then {@code (created_at, order_id)}, walked from
 * the cursor's key in the wanted direction; {@code OrderListIndexIT} checks the plans.
 */
record OrderListQuery(String sql, List<Object> args, boolean reversed) {

    static OrderListQuery of(String table, OrderFilter filter, PageCursor cursor, int limit) {
        boolean backward = cursor != null && cursor.direction() == PageCursor.Direction.PREV;
        boolean descending = filter.newestFirst() != backward;
        StringBuilder sql = new StringBuilder("SELECT order_id, customer_id, status, total_minor, currency, line_count,"
                + " created_at, updated_at, version FROM " + table + " WHERE true");
        List<Object> args = new ArrayList<>();
        if (filter.customerId() != null) {
            sql.append(" AND customer_id = ?");
            args.add(filter.customerId());
        }
        if (filter.status() != null) {
            sql.append(" AND status = ?");
            args.add(filter.status());
        }
        if (filter.createdFrom() != null) {
            sql.append(" AND created_at >= ?");
            args.add(utc(filter.createdFrom()));
        }
        if (filter.createdTo() != null) {
            sql.append(" AND created_at < ?");
            args.add(utc(filter.createdTo()));
        }
        if (cursor != null) {
            // a row-value comparison: PostgreSQL walks the (…, created_at, order_id) index from the key
            String comparison = (descending ? "<" : ">") + (cursor.inclusive() ? "=" : "");
            sql.append(" AND (created_at, order_id) ").append(comparison).append(" (?, ?)");
            args.add(utc(cursor.createdAt()));
            args.add(cursor.orderId());
        }
        String direction = descending ? " DESC" : " ASC";
        sql.append(" ORDER BY created_at")
                .append(direction)
                .append(", order_id")
                .append(direction)
                .append(" LIMIT ?");
        args.add(limit);
        // a backward page is read from its far end: the rows come reversed
        return new OrderListQuery(sql.toString(), List.copyOf(args), backward);
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
