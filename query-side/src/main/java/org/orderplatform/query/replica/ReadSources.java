package org.orderplatform.query.replica;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.orderplatform.web.problem.ProblemException;
import org.orderplatform.web.problem.Unavailability;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Where a query reads: the primary, or a standby that has what the query must see. Without a
 * standby configured every query reads from the primary, as before, and answers carry no
 * {@code X-Read-Source}.
 *
 * <p>Read-your-writes across the two: a consistency token is a position in the event store; once
 * the read model on the primary has handled it, the primary's current WAL position is at or past
 * the commit that wrote the read model's rows, so a standby whose replayed position
 * ({@code pg_last_wal_replay_lsn()}) has reached it shows the write. The query waits for that, up
 * to the consistency timeout, and otherwise reads from the primary. A standby that cannot be
 * reached is passed over the same way: reads never fail for it.
 */
public class ReadSources implements AutoCloseable {

    public static final String HEADER = "X-Read-Source";
    private static final Logger log = LoggerFactory.getLogger(ReadSources.class);

    /** Where a query read. */
    public enum Source {
        PRIMARY("primary"),
        REPLICA("replica");

        private final String header;

        Source(String header) {
            this.header = header;
        }
    }

    /** What a query read, and where it was read. */
    public record Served<T>(T value, Source source) {}

    private final JdbcTemplate primary;
    private final JdbcTemplate replica;
    private final HikariDataSource replicaPool;
    private final Duration timeout;
    private final Duration pollInterval;

    ReadSources(JdbcTemplate primary, HikariDataSource replicaPool, Duration timeout, Duration pollInterval) {
        this.primary = primary;
        this.replicaPool = replicaPool;
        this.replica = replicaPool == null ? null : new JdbcTemplate(replicaPool);
        this.timeout = timeout;
        this.pollInterval = pollInterval;
    }

    /**
     * @param freshness what the consistency wait said: null (no token), {@code fresh} or
     *     {@code stale} (the primary then has the most there is)
     */
    public Source pick(String freshness) {
        if (replica == null || "stale".equals(freshness)) {
            return Source.PRIMARY;
        }
        if (freshness == null) {
            return Source.REPLICA;
        }
        return replicaHasReplayed(primary.queryForObject("SELECT pg_current_wal_lsn()::text", String.class))
                ? Source.REPLICA
                : Source.PRIMARY;
    }

    /** Runs the query where picked; on the primary when the standby cannot be reached. */
    public <T> Served<T> read(Source source, Function<JdbcTemplate, T> query) {
        if (source == Source.REPLICA) {
            try {
                return new Served<>(query.apply(replica), Source.REPLICA);
            } catch (DataAccessException e) {
                if (!Unavailability.isCause(e)) {
                    throw e;
                }
                log.warn("The read replica did not answer, reading from the primary: {}", Unavailability.summary(e));
            }
        }
        return new Served<>(query.apply(primary), Source.PRIMARY);
    }

    /** Adds {@code X-Read-Source} when there is a standby to tell apart from the primary. */
    public <B extends ResponseEntity.HeadersBuilder<B>> B mark(B response, Source source) {
        return replica == null ? response : response.header(HEADER, source.header);
    }

    /** The same on a problem: a 404 from the standby may only mean it is behind. */
    public ProblemException mark(ProblemException problem, Source source) {
        if (replica != null) {
            problem.getHeaders().set(HEADER, source.header);
        }
        return problem;
    }

    private boolean replicaHasReplayed(String position) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                // null: not a standby (promoted, or the URL names a primary): not known to have it
                Boolean replayed =
                        replica.queryForObject("SELECT pg_last_wal_replay_lsn() >= ?::pg_lsn", Boolean.class, position);
                if (Boolean.TRUE.equals(replayed)) {
                    return true;
                }
                if (System.nanoTime() >= deadline) {
                    return false;
                }
                LockSupport.parkNanos(pollInterval.toNanos());
                if (Thread.interrupted()) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        } catch (DataAccessException e) {
            log.warn("The read replica did not answer, reading from the primary: {}", Unavailability.summary(e));
            return false;
        }
    }

    @Override
    public void close() {
        if (replicaPool != null) {
            replicaPool.close();
        }
    }
}
