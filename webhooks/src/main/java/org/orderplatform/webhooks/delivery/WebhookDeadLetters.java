package org.orderplatform.webhooks.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.orderplatform.webhooks.web.Keyset;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The webhook dead-letter table: listing, redrive, and its outbox to the DLQ topic. */
@Repository
class WebhookDeadLetters {

    private static final String COLUMNS =
            "delivery_id, subscription_id, event_id, event_type, reason, attempts, dead_at, published_at";

    private final JdbcTemplate jdbc;

    WebhookDeadLetters(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<DeadLetterView> page(UUID subscriptionId, Keyset after, int rows) {
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM webhook_dead_letter WHERE true");
        if (subscriptionId != null) {
            sql.append(" AND subscription_id = ?");
            args.add(subscriptionId);
        }
        if (after != null) {
            sql.append(" AND (dead_at, delivery_id) > (?, ?)");
            args.add(Timestamp.from(after.at()));
            args.add(after.id());
        }
        sql.append(" ORDER BY dead_at, delivery_id LIMIT ?");
        args.add(rows);
        return jdbc.query(sql.toString(), (rs, i) -> view(rs), args.toArray());
    }

    /**
     * Puts dead deliveries back in the queue, due now, at the start of the retry schedule; they
     * keep their id and event id, so the receiver sees the same {@code webhook-id}.
     *
     * @return deliveries requeued
     */
    @Transactional
    int redrive(List<UUID> deliveryIds, UUID subscriptionId) {
        String match = deliveryIds != null ? "delivery_id = ANY (?)" : "subscription_id = ?";
        return jdbc.update(
                "WITH redriven AS (DELETE FROM webhook_dead_letter WHERE " + match + " RETURNING delivery_id)"
                        + " UPDATE webhook_delivery SET status = 'PENDING', schedule_step = 0, next_attempt_at = now(),"
                        + " lease_id = NULL WHERE id IN (SELECT delivery_id FROM redriven)",
                ps -> {
                    if (deliveryIds != null) {
                        ps.setArray(1, ps.getConnection().createArrayOf("uuid", deliveryIds.toArray()));
                    } else {
                        ps.setObject(1, subscriptionId);
                    }
                });
    }

    /** Dead letters not yet on the topic, locked for this transaction (other nodes skip them). */
    List<Unpublished> lockUnpublished(int limit) {
        return jdbc.query(
                "SELECT l.delivery_id, l.subscription_id, l.event_id, l.event_type, l.reason, l.attempts, l.dead_at,"
                        + " d.payload FROM webhook_dead_letter l JOIN webhook_delivery d ON d.id = l.delivery_id"
                        + " WHERE l.published_at IS NULL ORDER BY l.dead_at LIMIT ? FOR UPDATE OF l SKIP LOCKED",
                (rs, i) -> new Unpublished(
                        rs.getObject("delivery_id", UUID.class),
                        rs.getObject("subscription_id", UUID.class),
                        rs.getString("event_id"),
                        rs.getString("event_type"),
                        rs.getString("reason"),
                        rs.getInt("attempts"),
                        rs.getTimestamp("dead_at").toInstant(),
                        rs.getString("payload")),
                limit);
    }

    void markPublished(List<UUID> deliveryIds) {
        jdbc.update(
                "UPDATE webhook_dead_letter SET published_at = now() WHERE delivery_id = ANY (?)",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("uuid", deliveryIds.toArray())));
    }

    long count() {
        return jdbc.queryForObject("SELECT count(*) FROM webhook_dead_letter", Long.class);
    }

    private static DeadLetterView view(ResultSet rs) throws SQLException {
        Timestamp published = rs.getTimestamp("published_at");
        return new DeadLetterView(
                rs.getObject("delivery_id", UUID.class),
                rs.getObject("subscription_id", UUID.class),
                rs.getString("event_id"),
                rs.getString("event_type"),
                rs.getString("reason"),
                rs.getInt("attempts"),
                rs.getTimestamp("dead_at").toInstant(),
                published == null ? null : published.toInstant());
    }

    /** A dead letter as published to the DLQ topic: the letter and the event it carried. */
    record Unpublished(
            UUID deliveryId,
            UUID subscriptionId,
            String webhookId,
            String eventType,
            String reason,
            int attempts,
            java.time.Instant deadAt,
            String payload) {}
}
