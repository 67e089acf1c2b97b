package org.orderplatform.webhooks.delivery;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Deliveries in PostgreSQL: fan-out, the due-work queue (claimed with {@code FOR UPDATE SKIP
 * LOCKED} and leased), outcomes, and the attempt log. Every outcome is written only by the lease
 * holder.
 */
@Repository
class DeliveryStore {

    private final JdbcTemplate jdbc;

    DeliveryStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One delivery per (subscription, event) for each subscription that wants the event's type:
     * ACTIVE ones and PAUSED ones (their deliveries wait, due at 'infinity' until a resume, so the
     * claim's index never walks them). A record seen before creates nothing. One statement for the
     * whole poll: the events go in as arrays and are matched to subscriptions in the database.
     *
     * @return deliveries created
     */
    int fanOut(List<IncomingEvent> events) {
        if (events.isEmpty()) {
            return 0;
        }
        return jdbc.update(
                "INSERT INTO webhook_delivery (id, subscription_id, event_id, event_type, order_id, payload,"
                        + " correlation_id, traceparent, status, next_attempt_at, created_at)"
                        + " SELECT gen_random_uuid(), s.id, e.event_id, e.event_type, e.order_id, e.payload,"
                        + " e.correlation_id, e.traceparent, 'PENDING',"
                        + " CASE WHEN s.status = 'ACTIVE' THEN now() ELSE 'infinity'::timestamptz END, now()"
                        + " FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])"
                        + "   AS e(event_id, event_type, order_id, payload, correlation_id, traceparent)"
                        + " JOIN webhook_subscription s ON s.status IN ('ACTIVE', 'PAUSED')"
                        + "   AND (cardinality(s.event_types) = 0 OR e.event_type = ANY (s.event_types))"
                        + " ON CONFLICT ON CONSTRAINT webhook_delivery_once DO NOTHING",
                ps -> {
                    Connection connection = ps.getConnection();
                    ps.setArray(1, texts(connection, events, IncomingEvent::eventId));
                    ps.setArray(2, texts(connection, events, IncomingEvent::type));
                    ps.setArray(3, texts(connection, events, IncomingEvent::orderId));
                    ps.setArray(4, texts(connection, events, IncomingEvent::payload));
                    ps.setArray(5, texts(connection, events, IncomingEvent::correlationId));
                    ps.setArray(6, texts(connection, events, IncomingEvent::traceparent));
                });
    }

    /** A delivery for one subscription only (the test event), due now if it is active. */
    UUID enqueue(UUID subscriptionId, IncomingEvent event) {
        UUID id = UUID.randomUUID();
        jdbc.update(
                "INSERT INTO webhook_delivery (id, subscription_id, event_id, event_type, order_id, payload,"
                        + " correlation_id, status, next_attempt_at, created_at)"
                        + " SELECT ?, s.id, ?, ?, ?, ?, ?, 'PENDING',"
                        + " CASE WHEN s.status = 'ACTIVE' THEN now() ELSE 'infinity'::timestamptz END, now()"
                        + " FROM webhook_subscription s WHERE s.id = ?",
                id,
                event.eventId(),
                event.type(),
                event.orderId(),
                event.payload(),
                event.correlationId(),
                subscriptionId);
        return id;
    }

    /**
     * Leases up to {@code limit} due deliveries of ACTIVE subscriptions, oldest due first. Rows
     * another node is claiming are skipped, not waited for; a lease moves the row's due time past
     * the attempt, so a node that dies mid-attempt leaves it to be taken again. Deliveries of the
     * subscriptions in {@code skipSubscriptions} (endpoints that cannot take more now) are left.
     */
    List<ClaimedDelivery> claim(int limit, Duration lease, List<UUID> skipSubscriptions) {
        return jdbc.query(
                "UPDATE webhook_delivery d SET lease_id = gen_random_uuid(),"
                        + " next_attempt_at = now() + make_interval(secs => ?)"
                        + " FROM webhook_subscription s"
                        + " WHERE s.id = d.subscription_id AND d.id IN ("
                        + "   SELECT q.id FROM webhook_delivery q JOIN webhook_subscription qs ON qs.id = q.subscription_id"
                        + "   WHERE q.status = 'PENDING' AND q.next_attempt_at <= now() AND qs.status = 'ACTIVE'"
                        + "   AND q.subscription_id <> ALL (?)"
                        + "   ORDER BY q.next_attempt_at LIMIT ? FOR UPDATE OF q SKIP LOCKED)"
                        + " RETURNING d.id, d.lease_id, d.subscription_id, s.url, d.event_id, d.event_type, d.payload,"
                        + " d.correlation_id, d.traceparent, d.attempts, d.schedule_step",
                (rs, i) -> new ClaimedDelivery(
                        rs.getObject("id", UUID.class),
                        rs.getObject("lease_id", UUID.class),
                        rs.getObject("subscription_id", UUID.class),
                        rs.getString("url"),
                        rs.getString("event_id"),
                        rs.getString("event_type"),
                        rs.getString("payload"),
                        rs.getString("correlation_id"),
                        rs.getString("traceparent"),
                        rs.getInt("attempts"),
                        rs.getInt("schedule_step")),
                seconds(lease),
                skipSubscriptions.toArray(UUID[]::new),
                limit);
    }

    /**
     * Deliveries of ACTIVE subscriptions not yet attempted (due or held back by an endpoint's
     * limits), counted up to {@code cap}: the work the consumer has taken in and the dispatchers
     * have not yet done. Retries waiting for their time are not counted, nor the deliveries of
     * {@code brokenEndpoints} (breaker open: they wait for the endpoint, not for us): a failing
     * endpoint must not stop everyone's events.
     */
    int unsentBacklog(int cap, List<UUID> brokenEndpoints) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM (SELECT 1 FROM webhook_delivery d"
                        + " JOIN webhook_subscription s ON s.id = d.subscription_id"
                        + " WHERE d.status = 'PENDING' AND d.attempts = 0 AND s.status = 'ACTIVE'"
                        + " AND d.subscription_id <> ALL (?) LIMIT ?) unsent",
                Integer.class,
                brokenEndpoints.toArray(UUID[]::new),
                cap);
    }

    @Transactional
    boolean delivered(ClaimedDelivery delivery, AttemptResult result) {
        int changed = jdbc.update(
                "UPDATE webhook_delivery SET status = 'DELIVERED', attempts = attempts + 1, lease_id = NULL,"
                        + " last_attempt_at = now(), delivered_at = now() WHERE id = ? AND lease_id = ?",
                delivery.id(),
                delivery.leaseId());
        return logAttempt(changed, delivery, result);
    }

    /** Due again {@code wait} from now (the database's clock, as every due time). */
    @Transactional
    boolean retryAfter(ClaimedDelivery delivery, AttemptResult result, Duration wait) {
        int changed = jdbc.update(
                "UPDATE webhook_delivery SET attempts = attempts + 1, schedule_step = schedule_step + 1,"
                        + " next_attempt_at = now() + make_interval(secs => ?), lease_id = NULL, last_attempt_at = now()"
                        + " WHERE id = ? AND lease_id = ?",
                seconds(wait),
                delivery.id(),
                delivery.leaseId());
        return logAttempt(changed, delivery, result);
    }

    /** The delivery is dead: kept, with a dead letter that the DLQ publisher copies to Kafka. */
    @Transactional
    boolean dead(ClaimedDelivery delivery, AttemptResult result, String reason) {
        int changed = jdbc.update(
                "UPDATE webhook_delivery SET status = 'DEAD', attempts = attempts + 1, lease_id = NULL,"
                        + " last_attempt_at = now() WHERE id = ? AND lease_id = ?",
                delivery.id(),
                delivery.leaseId());
        if (!logAttempt(changed, delivery, result)) {
            return false;
        }
        jdbc.update(
                "INSERT INTO webhook_dead_letter (delivery_id, subscription_id, event_id, event_type, reason,"
                        + " attempts, dead_at) VALUES (?, ?, ?, ?, ?, ?, now())",
                delivery.id(),
                delivery.subscriptionId(),
                delivery.eventId(),
                delivery.eventType(),
                reason,
                delivery.attempts() + 1);
        return true;
    }

    /** No attempt was made (the endpoint's breaker or limits held it back): due again after {@code wait}. */
    void postpone(ClaimedDelivery delivery, Duration wait) {
        jdbc.update(
                "UPDATE webhook_delivery SET next_attempt_at = now() + make_interval(secs => ?), lease_id = NULL"
                        + " WHERE id = ? AND lease_id = ?",
                seconds(wait),
                delivery.id(),
                delivery.leaseId());
    }

    private boolean logAttempt(int changed, ClaimedDelivery delivery, AttemptResult result) {
        if (changed == 0) {
            return false; // the lease ran out and another node took over: its outcome counts
        }
        jdbc.update(
                "INSERT INTO webhook_delivery_attempt (delivery_id, attempt, attempted_at, status_code, latency_ms, error)"
                        + " VALUES (?, ?, now(), ?, ?, ?)",
                delivery.id(),
                delivery.attempts() + 1,
                result.statusCode(),
                result.latencyMs(),
                result.error());
        return true;
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private static Array texts(Connection connection, List<IncomingEvent> events, Function<IncomingEvent, String> field)
            throws SQLException {
        return connection.createArrayOf("text", events.stream().map(field).toArray());
    }
}
