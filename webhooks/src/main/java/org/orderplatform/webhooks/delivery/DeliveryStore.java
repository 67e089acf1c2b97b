package org.orderplatform.webhooks.delivery;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Deliveries in PostgreSQL: fan-out and the due-work queue (claimed with {@code FOR UPDATE SKIP
 * LOCKED} and leased); {@link OutcomeStore} writes what became of them. Fan-out is one statement
 * per poll, a claim two per batch, not per delivery.
 */
@Repository
class DeliveryStore {

    /** How many due rows a claim looks at per delivery it may take. */
    private static final int CANDIDATES_PER_CLAIM = 4;

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
                        + " correlation_id, traceparent, status, next_attempt_at, created_at)"
                        + " SELECT ?, s.id, ?, ?, ?, ?, ?, ?, 'PENDING',"
                        + " CASE WHEN s.status = 'ACTIVE' THEN now() ELSE 'infinity'::timestamptz END, now()"
                        + " FROM webhook_subscription s WHERE s.id = ?",
                id,
                event.eventId(),
                event.type(),
                event.orderId(),
                event.payload(),
                event.correlationId(),
                event.traceparent(),
                subscriptionId);
        return id;
    }

    /**
     * Leases up to {@code limit} due deliveries of ACTIVE subscriptions, oldest due first, and at
     * most {@code budgets} (or {@code defaultBudget}) of each subscription: an endpoint gets no
     * more than it can take, and the rest stay in the table where they keep their place. Rows
     * another node is claiming are skipped, not waited for; a lease moves the row's due time past
     * the attempt, so a node that dies mid-attempt leaves it to be taken again. Deliveries of
     * {@code skipSubscriptions} (endpoints that cannot take any now) are left. Each comes with the
     * secrets that sign it now.
     */
    List<ClaimedDelivery> claim(
            int limit, Duration lease, List<UUID> skipSubscriptions, Map<UUID, Integer> budgets, int defaultBudget) {
        List<Candidate> picked =
                pick(candidates(limit * CANDIDATES_PER_CLAIM, skipSubscriptions), limit, budgets, defaultBudget);
        if (picked.isEmpty()) {
            return List.of();
        }
        // A picked row is claimed only if its due time is still the one read: any claim or outcome
        // in between (another node's) moved it, or changed its status. An equality, not a range:
        // planning then needs no look at the due index's ends (slow while it has dead entries).
        return jdbc.query(
                "UPDATE webhook_delivery d SET lease_id = gen_random_uuid(),"
                        + " next_attempt_at = now() + make_interval(secs => ?)"
                        + " FROM webhook_subscription s"
                        + " WHERE s.id = d.subscription_id AND d.id IN ("
                        + "   SELECT q.id FROM webhook_delivery q"
                        + "   JOIN unnest(?::uuid[], ?::text[]) AS c(id, due) ON c.id = q.id"
                        + "   AND q.next_attempt_at = c.due::timestamptz"
                        + "   JOIN webhook_subscription qs ON qs.id = q.subscription_id"
                        + "   WHERE q.status = 'PENDING' AND qs.status = 'ACTIVE' FOR UPDATE OF q SKIP LOCKED)"
                        + " RETURNING d.id, d.lease_id, d.subscription_id, s.url, d.event_id, d.event_type, d.payload,"
                        + " d.correlation_id, d.traceparent, d.attempts, d.schedule_step,"
                        + " ARRAY(SELECT w.secret FROM webhook_secret w WHERE w.subscription_id = d.subscription_id"
                        + "   AND (w.expires_at IS NULL OR w.expires_at > now()) ORDER BY w.created_at DESC, w.id DESC)"
                        + "   AS secrets",
                ps -> {
                    Connection connection = ps.getConnection();
                    ps.setDouble(1, seconds(lease));
                    ps.setArray(
                            2,
                            connection.createArrayOf(
                                    "uuid", picked.stream().map(Candidate::id).toArray()));
                    ps.setArray(
                            3,
                            connection.createArrayOf(
                                    "text", picked.stream().map(Candidate::due).toArray()));
                },
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
                        rs.getInt("schedule_step"),
                        List.of((String[]) rs.getArray("secrets").getArray()),
                        System.nanoTime()));
    }

    /**
     * The first {@code rows} pending deliveries in due order, those due now: read without locks
     * (the claim locks only what it picks), straight off the due index. The due time is checked
     * after the limit, not in the index scan: the planner then never trades the ordered scan for
     * reading every due row, as it did when its statistics had all of them parked ('infinity')
     * just before a resume.
     */
    private List<Candidate> candidates(int rows, List<UUID> skipSubscriptions) {
        return jdbc.query(
                "SELECT c.id, c.subscription_id, c.next_attempt_at::text AS due FROM"
                        + " (SELECT q.id, q.subscription_id, q.next_attempt_at"
                        + "   FROM webhook_delivery q WHERE q.status = 'PENDING' AND q.subscription_id <> ALL (?)"
                        + "   ORDER BY q.next_attempt_at LIMIT ?) c"
                        + " WHERE c.next_attempt_at <= now() ORDER BY c.next_attempt_at",
                ps -> {
                    ps.setArray(1, ps.getConnection().createArrayOf("uuid", skipSubscriptions.toArray()));
                    ps.setInt(2, rows);
                },
                (rs, i) -> new Candidate(
                        rs.getObject("id", UUID.class),
                        rs.getObject("subscription_id", UUID.class),
                        rs.getString("due")));
    }

    /** Up to {@code limit} candidates in their order, at most each subscription's budget of them. */
    private static List<Candidate> pick(
            List<Candidate> candidates, int limit, Map<UUID, Integer> budgets, int defaultBudget) {
        Map<UUID, Integer> left = new HashMap<>(budgets);
        List<Candidate> picked = new ArrayList<>();
        for (Candidate candidate : candidates) {
            if (picked.size() == limit) {
                break;
            }
            int room = left.getOrDefault(candidate.subscriptionId(), defaultBudget);
            if (room > 0) {
                picked.add(candidate);
                left.put(candidate.subscriptionId(), room - 1);
            }
        }
        return picked;
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

    /**
     * Says in the delivery log why an endpoint's waiting deliveries are not attempted: its breaker
     * opened on this node, and they are not claimed while it is open. The next outcome of each
     * (an attempt, or another hold) replaces it.
     */
    void markHeld(UUID subscriptionId, String reason) {
        try {
            jdbc.update(
                    "UPDATE webhook_delivery SET held_because = ? WHERE subscription_id = ? AND status = 'PENDING'"
                            + " AND lease_id IS NULL",
                    reason,
                    subscriptionId);
        } catch (RuntimeException e) {
            // the log's explanation, not the delivery: the breaker holds them back either way
            LoggerFactory.getLogger(DeliveryStore.class)
                    .warn("Could not note the open breaker in the delivery log ({})", e.getMessage());
        }
    }

    static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    /** A due delivery, and its due time as the database wrote it (to compare exactly). */
    private record Candidate(UUID id, UUID subscriptionId, String due) {}

    private static Array texts(Connection connection, List<IncomingEvent> events, Function<IncomingEvent, String> field)
            throws SQLException {
        return connection.createArrayOf("text", events.stream().map(field).toArray());
    }
}
