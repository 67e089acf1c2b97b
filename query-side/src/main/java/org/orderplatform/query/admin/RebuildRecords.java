package org.orderplatform.query.admin;

import java.lang.management.ManagementFactory;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.orderplatform.query.projection.ReadModel;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The last rebuild of each read model, in {@code projection_rebuild}: what the admin API reports,
 * whichever node ran it and whether or not that node still lives. A running rebuild's node touches
 * its heartbeat every {@link #HEARTBEAT}; a row still building whose heartbeat is older than
 * {@link #STALE} was left by a node that died (or was killed) mid-way, and reads as interrupted.
 */
@Component
class RebuildRecords {

    static final Duration HEARTBEAT = Duration.ofSeconds(5);
    static final Duration STALE = HEARTBEAT.multipliedBy(4);
    /** This node as Axon names token owners: the admin API shows the same name for both. */
    static final String NODE = ManagementFactory.getRuntimeMXBean().getName();

    private final JdbcTemplate jdbc;

    RebuildRecords(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One rebuild as recorded; {@code stale} when its heartbeat is older than {@link #STALE} by the
     * database's clock (the one clock every node's heartbeat was written with).
     */
    record Recorded(
            String targetSlot,
            String state,
            String node,
            Instant startedAt,
            Instant heartbeatAt,
            Instant finishedAt,
            String error,
            boolean stale) {

        boolean running() {
            return state.equals("building") || state.equals("switching");
        }

        /** Still running by its record, but its node stopped reporting: it died mid-way. */
        boolean interrupted() {
            return running() && stale;
        }
    }

    Optional<Recorded> find(ReadModel model) {
        List<Recorded> rows = jdbc.query(
                "SELECT target_slot, state, node, started_at, heartbeat_at, finished_at, error,"
                        + " heartbeat_at < now() - make_interval(secs => ?) AS stale"
                        + " FROM projection_rebuild WHERE processing_group = ?",
                RebuildRecords::recorded,
                STALE.toSeconds(),
                model.processingGroup());
        return rows.stream().findFirst();
    }

    /**
     * A rebuild starts here: it replaces the model's last one, unless that one still runs and
     * reports in on another node; then nothing is written and the answer is false. (This node's
     * own last one has ended: the caller checked that, and its ending may not be written yet.)
     */
    boolean started(ReadModel model, String targetSlot, Instant startedAt) {
        return jdbc.update("""
                        INSERT INTO projection_rebuild
                            (processing_group, target_slot, state, node, started_at, heartbeat_at, finished_at, error)
                        VALUES (?, ?, 'building', ?, ?, now(), NULL, NULL)
                        ON CONFLICT (processing_group) DO UPDATE SET
                            target_slot = excluded.target_slot, state = excluded.state, node = excluded.node,
                            started_at = excluded.started_at, heartbeat_at = excluded.heartbeat_at,
                            finished_at = NULL, error = NULL
                        WHERE projection_rebuild.state NOT IN ('building', 'switching')
                           OR projection_rebuild.heartbeat_at < now() - make_interval(secs => ?)
                           OR projection_rebuild.node = excluded.node
                        """, model.processingGroup(), targetSlot, NODE, Timestamp.from(startedAt), STALE.toSeconds())
                == 1;
    }

    /** The rebuild this node runs moved on (or ended, with {@code finishedAt}); its heartbeat too. */
    void moved(ReadModel model, Instant startedAt, String state, Instant finishedAt, String error) {
        jdbc.update(
                "UPDATE projection_rebuild SET state = ?, heartbeat_at = now(), finished_at = ?, error = ?"
                        + " WHERE processing_group = ? AND node = ? AND started_at = ?",
                state,
                finishedAt == null ? null : Timestamp.from(finishedAt),
                error,
                model.processingGroup(),
                NODE,
                Timestamp.from(startedAt));
    }

    /** This node's rebuild still runs. */
    void heartbeat(ReadModel model, Instant startedAt) {
        jdbc.update(
                "UPDATE projection_rebuild SET heartbeat_at = now()"
                        + " WHERE processing_group = ? AND node = ? AND started_at = ?",
                model.processingGroup(),
                NODE,
                Timestamp.from(startedAt));
    }

    private static Recorded recorded(ResultSet rs, int row) throws SQLException {
        Timestamp finished = rs.getTimestamp("finished_at");
        return new Recorded(
                rs.getString("target_slot"),
                rs.getString("state"),
                rs.getString("node"),
                rs.getTimestamp("started_at").toInstant(),
                rs.getTimestamp("heartbeat_at").toInstant(),
                finished == null ? null : finished.toInstant(),
                rs.getString("error"),
                rs.getBoolean("stale"));
    }
}
