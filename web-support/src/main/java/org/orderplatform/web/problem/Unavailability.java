package org.orderplatform.web.problem;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.ProblemDetail;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Failures that mean "a dependency (the database) is not there right now", as opposed to a bug:
 * they answer 503 with {@code Retry-After}, so clients and load balancers back off and retry.
 */
public final class Unavailability {

    /** Seconds a client should wait before retrying. */
    public static final int RETRY_AFTER_SECONDS = 2;

    private Unavailability() {}

    public static boolean isCause(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CannotCreateTransactionException
                    || cause instanceof DataAccessResourceFailureException
                    || cause instanceof TransientDataAccessResourceException
                    || cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLNonTransientConnectionException) {
                return true;
            }
            // SQLState class 08: connection exception; 57P0x: the server is shutting down
            if (cause instanceof SQLException sql
                    && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    public static ProblemDetail problem() {
        ProblemDetail problem = Problems.detail(
                StandardProblem.SERVICE_UNAVAILABLE, "The database is not reachable right now; nothing was changed");
        problem.setProperty("retryAfterSeconds", RETRY_AFTER_SECONDS);
        return problem;
    }
}
