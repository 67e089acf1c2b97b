package org.orderplatform.query.projection;

import java.sql.SQLException;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.orderplatform.web.problem.Unavailability;
import org.springframework.dao.TransientDataAccessException;

/**
 * Decides what a failing event handler means. A poison event (a bug, bad data) is parked in the
 * dead-letter queue. A passing failure (lost connection, deadlock, serialization conflict) is not
 * the event's fault: parking it would block its order's events until someone retries by hand.
 * Those are thrown on, so the processor rolls the batch back and tries again after a back-off. So
 * is a failure of writes that ran without a savepoint ({@link ProjectionWrites}): the batch is
 * handled again, the failing event in a savepoint, and only then parked.
 */
public final class RetryTransientFailures implements EnqueuePolicy<EventMessage<?>> {

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        if (isTransient(cause)) {
            throw new TransientProjectionFailure(cause);
        }
        if (cause instanceof ProjectionWrites.UnguardedWriteFailed unguarded) {
            // the transaction is lost: handle the batch again, this event in a savepoint
            throw unguarded;
        }
        // the dead-letter table keeps 1023 characters of the message (Axon's schema); a longer one,
        // such as a failed statement's SQL quoted in it, would fail the enqueue itself, and the
        // processor would retry the poison event forever instead of parking it
        return Decisions.enqueue(ThrowableCause.truncated(cause));
    }

    static boolean isTransient(Throwable failure) {
        if (Unavailability.isCause(failure)) {
            return true;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TransientDataAccessException) {
                return true;
            }
            // 40001 serialization failure, 40P01 deadlock, 55P03 lock not available
            if (cause instanceof SQLException sql
                    && sql.getSQLState() != null
                    && (sql.getSQLState().equals("40001")
                            || sql.getSQLState().equals("40P01")
                            || sql.getSQLState().equals("55P03"))) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /** Carries a passing failure past the dead-letter queue to the processor, which retries. */
    static final class TransientProjectionFailure extends RuntimeException {
        TransientProjectionFailure(Throwable cause) {
            super("Transient failure, the batch will be retried: " + cause.getMessage(), cause);
        }
    }
}
