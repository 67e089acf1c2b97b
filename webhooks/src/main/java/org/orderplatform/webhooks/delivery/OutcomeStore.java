package org.orderplatform.webhooks.delivery;

import java.sql.Connection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** What became of claimed deliveries, in PostgreSQL: their state, the attempt log, dead letters. */
@Repository
class OutcomeStore {

    private final JdbcTemplate jdbc;

    OutcomeStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Writes outcomes, each only if its lease still holds (a lease that ran out belongs to the node
     * that took the delivery over; this node's outcome changes nothing): the delivery's new state,
     * its attempt in the log, and for dead ones the dead letter. One statement for the whole batch.
     *
     * @return the outcomes written (the others had lost their lease)
     */
    List<Outcome> write(List<Outcome> outcomes) {
        if (outcomes.isEmpty()) {
            return List.of();
        }
        Set<UUID> written = new HashSet<>(jdbc.query(
                "WITH outcome AS ("
                        + "   SELECT * FROM unnest(?::uuid[], ?::uuid[], ?::text[], ?::float8[], ?::int[], ?::bigint[],"
                        + "   ?::text[], ?::text[]) AS o(id, lease_id, kind, wait, status_code, latency_ms, error, reason)),"
                        + " changed AS ("
                        + "   UPDATE webhook_delivery d SET"
                        + "   status = CASE o.kind WHEN 'DELIVERED' THEN 'DELIVERED' WHEN 'DEAD' THEN 'DEAD' ELSE 'PENDING' END,"
                        + "   attempts = d.attempts + CASE o.kind WHEN 'HELD' THEN 0 ELSE 1 END,"
                        + "   schedule_step = d.schedule_step + CASE o.kind WHEN 'RETRY' THEN 1 ELSE 0 END,"
                        + "   next_attempt_at = CASE WHEN o.kind IN ('RETRY', 'HELD')"
                        + "     THEN now() + make_interval(secs => o.wait) ELSE d.next_attempt_at END,"
                        + "   lease_id = NULL,"
                        + "   last_attempt_at = CASE o.kind WHEN 'HELD' THEN d.last_attempt_at ELSE now() END,"
                        + "   delivered_at = CASE o.kind WHEN 'DELIVERED' THEN now() ELSE d.delivered_at END,"
                        + "   held_because = CASE o.kind WHEN 'HELD' THEN o.reason END"
                        + "   FROM outcome o WHERE d.id = o.id AND d.lease_id = o.lease_id"
                        + "   RETURNING d.id, d.subscription_id, d.event_id, d.event_type, d.attempts, o.kind),"
                        + " logged AS ("
                        + "   INSERT INTO webhook_delivery_attempt (delivery_id, attempt, attempted_at, status_code,"
                        + "   latency_ms, error) SELECT c.id, c.attempts, now(), o.status_code, o.latency_ms, o.error"
                        + "   FROM changed c JOIN outcome o ON o.id = c.id WHERE c.kind <> 'HELD'),"
                        + " letters AS ("
                        + "   INSERT INTO webhook_dead_letter (delivery_id, subscription_id, event_id, event_type, reason,"
                        + "   attempts, dead_at) SELECT c.id, c.subscription_id, c.event_id, c.event_type, o.reason,"
                        + "   c.attempts, now() FROM changed c JOIN outcome o ON o.id = c.id WHERE c.kind = 'DEAD')"
                        + " SELECT id FROM changed",
                ps -> {
                    Connection connection = ps.getConnection();
                    int n = outcomes.size();
                    UUID[] ids = new UUID[n];
                    UUID[] leases = new UUID[n];
                    String[] kinds = new String[n];
                    Double[] waits = new Double[n];
                    Integer[] statusCodes = new Integer[n];
                    Long[] latencies = new Long[n];
                    String[] errors = new String[n];
                    String[] reasons = new String[n];
                    for (int i = 0; i < n; i++) {
                        Outcome outcome = outcomes.get(i);
                        ids[i] = outcome.delivery().id();
                        leases[i] = outcome.delivery().leaseId();
                        kinds[i] = outcome.kind().name();
                        waits[i] = outcome.delay() == null ? null : DeliveryStore.seconds(outcome.delay());
                        if (outcome.result() != null) {
                            statusCodes[i] = outcome.result().statusCode();
                            latencies[i] = outcome.result().latencyMs();
                            errors[i] = outcome.result().error();
                        }
                        reasons[i] = outcome.reason();
                    }
                    ps.setArray(1, connection.createArrayOf("uuid", ids));
                    ps.setArray(2, connection.createArrayOf("uuid", leases));
                    ps.setArray(3, connection.createArrayOf("text", kinds));
                    ps.setArray(4, connection.createArrayOf("float8", waits));
                    ps.setArray(5, connection.createArrayOf("int4", statusCodes));
                    ps.setArray(6, connection.createArrayOf("int8", latencies));
                    ps.setArray(7, connection.createArrayOf("text", errors));
                    ps.setArray(8, connection.createArrayOf("text", reasons));
                },
                (rs, i) -> rs.getObject("id", UUID.class)));
        return outcomes.stream()
                .filter(outcome -> written.contains(outcome.delivery().id()))
                .toList();
    }
}
