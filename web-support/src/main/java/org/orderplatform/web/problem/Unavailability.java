package org.orderplatform.web.problem;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Failures that mean "a dependency (the database) is not there right now", as opposed to a bug:
 * they answer 503 with {@code Retry-After}, so clients and load balancers back off and retry.
 */
public final class Unavailability {

    private static final Logger log = LoggerFactory.getLogger(Unavailability.class);

    /** Seconds a client should wait before retrying. */
    public static final int RETRY_AFTER_SECONDS = 2;

    private Unavailability() {}

    public static boolean isCause(Throwable failure) {
        return causes(failure)
                .anyMatch(cause -> cause instanceof CannotCreateTransactionException
                        || cause instanceof DataAccessResourceFailureException
                        || cause instanceof TransientDataAccessResourceException
                        || cause instanceof SQLTransientConnectionException
                        || cause instanceof SQLNonTransientConnectionException
                        // SQLState class 08: connection exception; 57P0x: the server is shutting down
                        || (cause instanceof SQLException sql
                                && sql.getSQLState() != null
                                && (sql.getSQLState().startsWith("08")
                                        || sql.getSQLState().startsWith("57P0"))));
    }

    /**
     * Whether the failure came from committing (Spring's commit failed, or a rollback replaced a
     * failed commit): the database may have made the change or not, nobody here can tell.
     */
    public static boolean isCommitFailure(Throwable failure) {
        // "Could not commit JDBC transaction", "Commit exception overridden by rollback
        // exception"; not a failed rollback, after which nothing was committed
        return causes(failure)
                .anyMatch(cause -> cause instanceof TransactionSystemException failed
                        && failed.getMessage() != null
                        && failed.getMessage().toLowerCase(Locale.ROOT).contains("commit"));
    }

    /** The failure and its causes, outermost first. */
    private static Stream<Throwable> causes(Throwable failure) {
        return Stream.iterate(
                failure, cause -> cause != null, cause -> cause.getCause() == cause ? null : cause.getCause());
    }

    /** The 503 answer, with {@code Retry-After}, for a failure {@link #isCause} accepts; logged in one line. */
    public static ResponseEntity<ProblemDetail> response(Throwable failure) {
        log.warn("A dependency is unavailable: {}", summary(failure));
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problemFor(failure));
    }

    /**
     * One line for the log: the innermost cause (say, "Connection refused"). While the database is
     * away every request fails the same way; a stack trace each would bury everything else.
     */
    public static String summary(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return failure.getClass().getSimpleName() + " (" + root.getClass().getSimpleName() + ": " + root.getMessage()
                + ")";
    }

    /** Before anything was committed: nothing was changed. */
    public static ProblemDetail problem() {
        ProblemDetail problem = Problems.detail(
                StandardProblem.SERVICE_UNAVAILABLE, "The database is not reachable right now; nothing was changed");
        problem.setProperty("retryAfterSeconds", RETRY_AFTER_SECONDS);
        return problem;
    }

    /** The commit itself failed: the change may have been made; a retry with the same key is safe. */
    public static ProblemDetail outcomeUnknown() {
        ProblemDetail problem = Problems.detail(
                StandardProblem.COMMIT_OUTCOME_UNKNOWN,
                "The database connection failed while committing; the change may or may not have been made."
                        + " Retry with the same Idempotency-Key");
        problem.setProperty("retryAfterSeconds", RETRY_AFTER_SECONDS);
        return problem;
    }

    /** The truthful problem for a failure {@link #isCause} accepts. */
    public static ProblemDetail problemFor(Throwable failure) {
        return isCommitFailure(failure) ? outcomeUnknown() : problem();
    }
}
