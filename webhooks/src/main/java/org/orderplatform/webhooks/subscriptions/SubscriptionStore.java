package org.orderplatform.webhooks.subscriptions;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.orderplatform.webhooks.web.Keyset;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Subscriptions and their secrets in PostgreSQL. */
@Repository
public class SubscriptionStore {

    private static final String COLUMNS =
            "id, url, description, event_types, status, disabled_reason, created_at, updated_at";

    private final JdbcTemplate jdbc;

    SubscriptionStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    Subscription create(String url, String description, List<String> eventTypes, String secret) {
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.update(
                "INSERT INTO webhook_subscription (id, url, description, event_types, status, created_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, 'ACTIVE', ?, ?)",
                ps -> {
                    ps.setObject(1, id);
                    ps.setString(2, url);
                    ps.setString(3, description);
                    ps.setArray(4, ps.getConnection().createArrayOf("text", eventTypes.toArray()));
                    ps.setTimestamp(5, now);
                    ps.setTimestamp(6, now);
                });
        jdbc.update(
                "INSERT INTO webhook_secret (subscription_id, secret, created_at) VALUES (?, ?, ?)", id, secret, now);
        return find(id).orElseThrow();
    }

    public Optional<Subscription> find(UUID id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM webhook_subscription WHERE id = ?", ROW, id).stream()
                .findFirst();
    }

    List<Subscription> page(Keyset after, int rows) {
        if (after == null) {
            return jdbc.query(
                    "SELECT " + COLUMNS + " FROM webhook_subscription ORDER BY created_at, id LIMIT ?", ROW, rows);
        }
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM webhook_subscription WHERE (created_at, id) > (?, ?)"
                        + " ORDER BY created_at, id LIMIT ?",
                ROW,
                Timestamp.from(after.at()),
                after.id(),
                rows);
    }

    /** Replaces the given fields (null: unchanged); false when there is no such subscription. */
    boolean update(UUID id, String url, String description, List<String> eventTypes) {
        return jdbc.update(
                        "UPDATE webhook_subscription SET url = coalesce(?, url),"
                                + " description = coalesce(?, description),"
                                + " event_types = coalesce(?, event_types), updated_at = now() WHERE id = ?",
                        ps -> {
                            ps.setString(1, url);
                            ps.setString(2, description);
                            ps.setArray(
                                    3,
                                    eventTypes == null
                                            ? null
                                            : ps.getConnection().createArrayOf("text", eventTypes.toArray()));
                            ps.setObject(4, id);
                        })
                == 1;
    }

    /** An ACTIVE subscription becomes PAUSED (a DISABLED one stays DISABLED). */
    @Transactional
    void pause(UUID id) {
        if (jdbc.update(
                        "UPDATE webhook_subscription SET status = 'PAUSED', updated_at = now()"
                                + " WHERE id = ? AND status = 'ACTIVE'",
                        id)
                == 1) {
            park(id);
        }
    }

    /** Its waiting deliveries are due at 'infinity' until a resume: no claim walks them meanwhile. */
    private void park(UUID id) {
        jdbc.update(
                "UPDATE webhook_delivery SET next_attempt_at = 'infinity' WHERE subscription_id = ?"
                        + " AND status = 'PENDING' AND lease_id IS NULL",
                id);
    }

    /**
     * Back to ACTIVE, from PAUSED or DISABLED; its waiting deliveries become due now.
     *
     * @return false when there is no such subscription
     */
    @Transactional
    boolean resume(UUID id) {
        int changed = jdbc.update(
                "UPDATE webhook_subscription SET status = 'ACTIVE', disabled_reason = NULL, failing_since = NULL,"
                        + " updated_at = now() WHERE id = ? AND status <> 'ACTIVE'",
                id);
        if (changed == 0) {
            return find(id).isPresent(); // already active: its retries keep their schedule
        }
        jdbc.update(
                "UPDATE webhook_delivery SET next_attempt_at = now(), lease_id = NULL"
                        + " WHERE subscription_id = ? AND status = 'PENDING' AND lease_id IS NULL",
                id);
        return true;
    }

    @Transactional
    public void disable(UUID id, String reason) {
        if (jdbc.update(
                        "UPDATE webhook_subscription SET status = 'DISABLED', disabled_reason = ?, updated_at = now()"
                                + " WHERE id = ? AND status <> 'DISABLED'",
                        reason,
                        id)
                == 1) {
            park(id);
        }
    }

    /** The endpoint answered: it is no longer failing. */
    public void recordSuccess(UUID id) {
        jdbc.update(
                "UPDATE webhook_subscription SET failing_since = NULL WHERE id = ? AND failing_since IS NOT NULL", id);
    }

    /**
     * The endpoint failed. One that has failed without a single success for {@code disableAfter}
     * is disabled (its deliveries wait until its owner resumes it).
     *
     * @return whether this failure disabled it
     */
    public boolean recordFailure(UUID id, Duration disableAfter) {
        List<Timestamp> since = jdbc.queryForList(
                "UPDATE webhook_subscription SET failing_since = coalesce(failing_since, now()) WHERE id = ?"
                        + " RETURNING failing_since",
                Timestamp.class,
                id);
        if (since.isEmpty() || since.get(0).toInstant().plus(disableAfter).isAfter(Instant.now())) {
            return false;
        }
        disable(id, "failed without a success since " + since.get(0).toInstant());
        return true;
    }

    boolean delete(UUID id) {
        return jdbc.update("DELETE FROM webhook_subscription WHERE id = ?", id) == 1;
    }

    /** Adds a new current secret; the previous ones keep signing for {@code overlap}. */
    @Transactional
    Instant rotate(UUID id, String secret, Duration overlap) {
        Instant now = Instant.now();
        Instant expires = now.plus(overlap);
        jdbc.update(
                "UPDATE webhook_secret SET expires_at = ? WHERE subscription_id = ?"
                        + " AND (expires_at IS NULL OR expires_at > ?)",
                Timestamp.from(expires),
                id,
                Timestamp.from(expires));
        jdbc.update(
                "INSERT INTO webhook_secret (subscription_id, secret, created_at) VALUES (?, ?, ?)",
                id,
                secret,
                Timestamp.from(now));
        jdbc.update("DELETE FROM webhook_secret WHERE subscription_id = ? AND expires_at <= now()", id);
        return expires;
    }

    /** The secrets that sign now: the current one first, then any still in their overlap. */
    public List<String> signingSecrets(UUID id) {
        return jdbc.queryForList(
                "SELECT secret FROM webhook_secret WHERE subscription_id = ?"
                        + " AND (expires_at IS NULL OR expires_at > now()) ORDER BY created_at DESC, id DESC",
                String.class,
                id);
    }

    private static final RowMapper<Subscription> ROW = (rs, i) -> new Subscription(
            rs.getObject("id", UUID.class),
            rs.getString("url"),
            rs.getString("description"),
            types(rs),
            SubscriptionStatus.valueOf(rs.getString("status")),
            rs.getString("disabled_reason"),
            rs.getTimestamp("created_at").toInstant(),
            rs.getTimestamp("updated_at").toInstant(),
            null);

    private static List<String> types(ResultSet rs) throws SQLException {
        Array array = rs.getArray("event_types");
        return Arrays.asList((String[]) array.getArray());
    }
}
