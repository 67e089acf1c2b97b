package org.orderplatform.webhooks.delivery;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.orderplatform.webhooks.web.Keyset;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** A subscription's deliveries with their attempts, newest first. */
@Repository
class DeliveryLog {

    private final JdbcTemplate jdbc;

    DeliveryLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<DeliveryView> page(UUID subscriptionId, Keyset before, int rows) {
        String sql = "SELECT id, event_id, event_type, order_id, status, attempts, held_because,"
                + " CASE WHEN next_attempt_at = 'infinity' THEN NULL ELSE next_attempt_at END AS next_attempt_at, created_at,"
                + " delivered_at FROM webhook_delivery WHERE subscription_id = ?"
                + (before == null ? "" : " AND (created_at, id) < (?, ?)")
                + " ORDER BY created_at DESC, id DESC LIMIT ?";
        Object[] args = before == null
                ? new Object[] {subscriptionId, rows}
                : new Object[] {subscriptionId, Timestamp.from(before.at()), before.id(), rows};
        Map<UUID, DeliveryView> deliveries = new LinkedHashMap<>();
        jdbc.query(
                sql,
                rs -> {
                    UUID id = rs.getObject("id", UUID.class);
                    String status = rs.getString("status");
                    Timestamp delivered = rs.getTimestamp("delivered_at");
                    deliveries.put(
                            id,
                            new DeliveryView(
                                    id,
                                    rs.getString("event_id"),
                                    rs.getString("event_type"),
                                    rs.getString("order_id"),
                                    status,
                                    rs.getInt("attempts"),
                                    status.equals("PENDING") && rs.getTimestamp("next_attempt_at") != null
                                            ? rs.getTimestamp("next_attempt_at").toInstant()
                                            : null,
                                    status.equals("PENDING") ? rs.getString("held_because") : null,
                                    rs.getTimestamp("created_at").toInstant(),
                                    delivered == null ? null : delivered.toInstant(),
                                    new ArrayList<>()));
                },
                args);
        if (!deliveries.isEmpty()) {
            jdbc.query(
                    "SELECT delivery_id, attempt, attempted_at, status_code, latency_ms, error"
                            + " FROM webhook_delivery_attempt WHERE delivery_id = ANY (?) ORDER BY delivery_id, attempt",
                    ps -> ps.setArray(
                            1,
                            ps.getConnection()
                                    .createArrayOf("uuid", deliveries.keySet().toArray())),
                    rs -> {
                        Integer status = rs.getObject("status_code", Integer.class);
                        deliveries
                                .get(rs.getObject("delivery_id", UUID.class))
                                .attempts()
                                .add(new DeliveryView.Attempt(
                                        rs.getInt("attempt"),
                                        rs.getTimestamp("attempted_at").toInstant(),
                                        status,
                                        rs.getLong("latency_ms"),
                                        rs.getString("error")));
                    });
        }
        return new ArrayList<>(deliveries.values());
    }
}
