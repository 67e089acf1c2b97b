package org.orderplatform.web.quorum;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.orderplatform.web.problem.Unavailability;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Whether the database can commit a write now. With synchronous replication
 * ({@code synchronous_standby_names}), PostgreSQL holds a commit until enough standbys have it,
 * for as long as it takes: with too few standbys connected, a write would hang. This asks the
 * primary how many standbys count towards its quorum, at most once per {@code maxAge}, so that a
 * write can be refused at once instead.
 */
public class WriteQuorum {

    private static final Logger log = LoggerFactory.getLogger(WriteQuorum.class);
    // "ANY 1 (a, b)", "FIRST 2 (a, b, c)", "2 (a, b)"; a bare list or "*" wants one
    private static final Pattern COUNT =
            Pattern.compile("^\\s*(?:(?:ANY|FIRST)\\s+)?(\\d+)\\s*\\(", Pattern.CASE_INSENSITIVE);

    private final JdbcTemplate jdbc;
    private final long maxAgeNanos;
    private volatile State last;
    // when the database last could not be asked: not asked again for maxAge (a request would
    // otherwise wait for a connection twice, here and for its own work)
    private volatile long unreachableAt = Long.MIN_VALUE;

    public WriteQuorum(JdbcTemplate jdbc, Duration maxAge) {
        this.jdbc = jdbc;
        this.maxAgeNanos = maxAge.toNanos();
    }

    /**
     * What the primary said: how many standbys a commit needs and how many are streaming as
     * candidates. Empty when the database cannot be asked (the request then finds out itself).
     */
    public Optional<State> state() {
        State known = last;
        long now = System.nanoTime();
        if (known != null && now - known.checkedAt() < maxAgeNanos) {
            return Optional.of(known);
        }
        if (unreachableAt != Long.MIN_VALUE && now - unreachableAt < maxAgeNanos) {
            return Optional.empty();
        }
        try {
            State fresh = jdbc.queryForObject(
                    """
                    SELECT current_setting('synchronous_standby_names') AS names,
                           (SELECT count(*) FROM pg_stat_replication
                             WHERE state = 'streaming' AND sync_state IN ('sync', 'quorum')) AS counted,
                           (SELECT count(*) FROM pg_stat_replication WHERE sync_state IS NULL) AS unseen
                    """,
                    (rs, i) -> new State(
                            required(rs.getString("names")), rs.getInt("counted"), rs.getInt("unseen") > 0, now));
            if (fresh.unseen() && (known == null || !known.unseen())) {
                log.warn("The database user cannot read pg_stat_replication's sync_state (grant it pg_monitor):"
                        + " writes are not checked against the replication quorum");
            }
            last = fresh;
            return Optional.of(fresh);
        } catch (RuntimeException e) {
            if (Unavailability.isCause(e)) {
                unreachableAt = now;
                return Optional.empty();
            }
            throw e;
        }
    }

    /** False only when the primary says too few standbys are there to commit a write. */
    public boolean allowsWrites() {
        return state().map(State::allowsWrites).orElse(true);
    }

    static int required(String names) {
        if (names == null || names.isBlank()) {
            return 0;
        }
        Matcher count = COUNT.matcher(names);
        return count.find() ? Integer.parseInt(count.group(1)) : 1;
    }

    /**
     * @param required standbys a commit waits for (0: no synchronous replication)
     * @param counted standbys streaming and counted for the quorum now
     * @param unseen the user may not see them (then nothing is refused)
     */
    public record State(int required, int counted, boolean unseen, long checkedAt) {

        public boolean allowsWrites() {
            return required == 0 || unseen || counted >= required;
        }
    }
}
