package org.orderplatform.query.consistency;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.orderplatform.query.projection.ProjectionProperties;
import org.orderplatform.query.projection.ReadModel;
import org.orderplatform.query.slot.ReadModelSlots;
import org.orderplatform.web.problem.ProblemException;
import org.orderplatform.web.problem.StandardProblem;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Waits, for a query that sent {@code X-Consistency-Token}, until the read model has the writes
 * up to that position, at most {@code orders.projections.consistency-timeout}. It never fails the
 * query: after the timeout the answer is what the read model has, marked
 * {@code X-Read-Consistency: stale} (at once when the order's events are parked in the dead-letter
 * queue: waiting would not help).
 */
@Component
public class ReadConsistency {

    public static final String TOKEN_HEADER = "X-Consistency-Token";
    public static final String RESULT_HEADER = "X-Read-Consistency";

    private final ReadModelProgress progress;
    private final ReadModelSlots slots;
    private final Duration timeout;
    private final Duration pollInterval;

    ReadConsistency(ReadModelProgress progress, ReadModelSlots slots, ProjectionProperties properties) {
        this.progress = progress;
        this.slots = slots;
        this.timeout = properties.consistencyTimeout();
        this.pollInterval = properties.consistencyPollInterval();
    }

    /**
     * @param token the header's value, or null when the client sent none
     * @return {@code fresh}, {@code stale}, or null when there was nothing to wait for
     */
    public String await(ReadModel model, String token) {
        if (token == null) {
            return null;
        }
        long position = parse(token);
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                ReadModelProgress.Progress now = progress.of(model, position);
                if (now == ReadModelProgress.Progress.HANDLED) {
                    return "fresh";
                }
                if (now == ReadModelProgress.Progress.PARKED || System.nanoTime() >= deadline) {
                    return "stale";
                }
                LockSupport.parkNanos(pollInterval.toNanos());
                if (Thread.interrupted()) {
                    Thread.currentThread().interrupt();
                    return "stale";
                }
            }
        } finally {
            // the answer must come from the slot that is active now, not one this node remembers
            slots.forget(model.processingGroup());
        }
    }

    /**
     * Whether the read model could not take some of this order's events (they are parked in its
     * dead-letter queue): what it shows of the order, if anything, is behind, and stays so until
     * an operator retries them. Asked on every read of one order, token or not, so that a read
     * model that cannot take an event says so instead of pretending the order is as shown, or
     * does not exist.
     */
    public boolean parked(ReadModel model, String orderId) {
        return progress.parked(model, orderId);
    }

    /** Adds the outcome header, when there is one. */
    public static ResponseEntity.BodyBuilder mark(ResponseEntity.BodyBuilder response, String outcome) {
        return outcome == null ? response : response.header(RESULT_HEADER, outcome);
    }

    private static long parse(String token) {
        try {
            long position = Long.parseLong(token.strip());
            if (position >= 0) {
                return position;
            }
        } catch (NumberFormatException e) {
            // falls through to the problem below
        }
        throw new ProblemException(
                StandardProblem.MALFORMED_REQUEST,
                TOKEN_HEADER + " must be the consistencyToken a command returned (a non-negative number)");
    }
}
