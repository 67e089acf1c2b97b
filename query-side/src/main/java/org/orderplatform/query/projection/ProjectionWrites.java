package org.orderplatform.query.projection;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a projection's writes for one event inside the processor's transaction; a savepoint guards
 * them only where a failure is expected.
 *
 * <p>In PostgreSQL a failed statement poisons the whole transaction: without a savepoint, a failing
 * event could not be dead-lettered (the dead-letter insert would fail in the same transaction).
 * But a savepoint and its release are two more round trips for every event, and failures are
 * rare. So in a streaming processor's batch an event's writes run bare; when they fail, the event
 * is remembered and {@link UnguardedWriteFailed} rolls the batch back ({@link RetryTransientFailures}
 * lets it through to the processor, which handles the batch again); the second time that event
 * runs in a savepoint, so only its writes are undone and it is parked, and the batch goes on.
 * Outside a batch (a dead-letter retry, a test calling a handler) every event runs in a savepoint.
 */
@Component
public class ProjectionWrites {

    /** Events whose writes failed without a savepoint, by message identifier; the oldest are forgotten. */
    private static final int REMEMBERED = 10_000;

    private final TransactionTemplate savepoint;
    private final Set<String> guarded = Collections.synchronizedSet(Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    }));

    ProjectionWrites(PlatformTransactionManager transactions) {
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    public void run(Runnable writes) {
        String event = eventInBatch();
        if (event == null || guarded.contains(event)) {
            savepoint.executeWithoutResult(status -> writes.run());
            return;
        }
        try {
            writes.run();
        } catch (RuntimeException e) {
            guarded.add(event);
            throw new UnguardedWriteFailed(e);
        }
    }

    /** The identifier of the event a streaming processor's batch is handling; null outside a batch. */
    private static String eventInBatch() {
        if (!CurrentUnitOfWork.isStarted()) {
            return null;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        return unitOfWork instanceof BatchingUnitOfWork<?> batch
                ? batch.getMessage().getIdentifier()
                : null;
    }

    /**
     * An event's writes failed outside a savepoint: the transaction is lost, the batch must be
     * rolled back and handled again (that event then in a savepoint).
     */
    public static final class UnguardedWriteFailed extends RuntimeException {
        UnguardedWriteFailed(RuntimeException cause) {
            super("Writes failed outside a savepoint; the batch is handled again: " + cause.getMessage(), cause);
        }
    }
}
