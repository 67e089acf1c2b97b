package org.orderplatform.query.orders;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.orderplatform.api.order.OrderLine;
import org.orderplatform.api.order.ShippingAddress;
import org.orderplatform.query.projection.ReadModel;
import org.orderplatform.query.slot.ReadModelSlots;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Reads the order read models (active slots), on the primary or a standby ({@code jdbc}: see
 * ReadSources). Every list query runs on one of the indexes of 006-read-models.
 */
@Repository
class OrderReads {

    private static final TypeReference<List<OrderLine>> LINES = new TypeReference<>() {};

    private final ReadModelSlots slots;
    private final ObjectMapper json;

    OrderReads(ReadModelSlots slots, ObjectMapper json) {
        this.slots = slots;
        this.json = json;
    }

    /**
     * Up to {@code limit} orders on the cursor's side of its key (the first page without one), in
     * the filter's order.
     */
    List<OrderSummaryView> page(JdbcTemplate jdbc, OrderFilter filter, PageCursor cursor, int limit) {
        OrderListQuery query = OrderListQuery.of(
                slots.active(ReadModel.ORDER_SUMMARY_GROUP).table("order_summary"), filter, cursor, limit);
        List<OrderSummaryView> rows = new ArrayList<>(
                jdbc.query(query.sql(), this::summary, query.args().toArray()));
        if (query.reversed()) {
            Collections.reverse(rows);
        }
        return rows;
    }

    Optional<OrderDetailView> detail(JdbcTemplate jdbc, String orderId) {
        var slot = slots.active(ReadModel.ORDER_DETAIL_GROUP);
        List<OrderDetailView> found = jdbc.query(
                "SELECT order_id, customer_id, status, currency, total_minor, lines, shipping_address, "
                        + OrderDetailProjection.ADDRESS_COLUMNS
                        + ", cancellation, created_at, updated_at, version FROM " + slot.table("order_detail")
                        + " WHERE order_id = ?",
                (rs, row) -> detail(rs, List.of()),
                orderId);
        // then its timeline, up to the version read: one connection at a time, not a second one
        // while the first result set is open (a pool of a standby's few connections would starve)
        return found.stream()
                .findFirst()
                .map(order ->
                        order.withTimeline(timeline(jdbc, slot.table("order_timeline"), orderId, order.version())));
    }

    private List<OrderDetailView.TimelineEntry> timeline(
            JdbcTemplate jdbc, String table, String orderId, long upToVersion) {
        return jdbc.query(
                "SELECT version, event_type, occurred_at, details FROM " + table
                        + " WHERE order_id = ? AND version <= ? ORDER BY version",
                (rs, row) -> new OrderDetailView.TimelineEntry(
                        rs.getLong(1), rs.getString(2), instant(rs, 3), read(rs.getString(4), JsonNode.class)),
                orderId,
                upToVersion);
    }

    private OrderDetailView detail(ResultSet rs, List<OrderDetailView.TimelineEntry> timeline) throws SQLException {
        List<OrderDetailView.Line> lines = read(rs.getString("lines"), LINES).stream()
                .map(line -> new OrderDetailView.Line(
                        line.sku(), line.quantity(), line.unitPriceMinor(), line.lineTotalMinor()))
                .toList();
        String cancellation = rs.getString("cancellation");
        return new OrderDetailView(
                rs.getString("order_id"),
                rs.getString("customer_id"),
                rs.getString("status"),
                rs.getString("currency"),
                rs.getLong("total_minor"),
                lines,
                address(rs),
                cancellation == null ? null : read(cancellation, OrderDetailView.Cancellation.class),
                instant(rs, "created_at"),
                instant(rs, "updated_at"),
                rs.getLong("version"),
                timeline);
    }

    /**
     * The address columns once written (by this release's projection, by the trigger for a writer of
     * the previous release, or by the backfill); the JSONB document for a row the backfill has not
     * reached yet. {@code ship_to_country} is never null in an address, so it tells the two apart.
     */
    private OrderDetailView.Address address(ResultSet rs) throws SQLException {
        if (rs.getString("ship_to_country") == null) {
            return OrderDetailView.Address.of(read(rs.getString("shipping_address"), ShippingAddress.class));
        }
        return new OrderDetailView.Address(
                rs.getString("ship_to_recipient"),
                rs.getString("ship_to_line1"),
                rs.getString("ship_to_line2"),
                rs.getString("ship_to_city"),
                rs.getString("ship_to_region"),
                rs.getString("ship_to_postal_code"),
                rs.getString("ship_to_country"));
    }

    private OrderSummaryView summary(ResultSet rs, int row) throws SQLException {
        return new OrderSummaryView(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getLong(4),
                rs.getString(5),
                rs.getInt(6),
                instant(rs, 7),
                instant(rs, 8),
                rs.getLong(9));
    }

    private <T> T read(String value, Class<T> type) {
        try {
            return json.readValue(value, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T> T read(String value, TypeReference<T> type) {
        try {
            return json.readValue(value, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }
}
