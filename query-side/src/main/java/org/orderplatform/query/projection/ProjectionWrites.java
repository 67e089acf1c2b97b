package org.orderplatform.query.projection;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a projection's writes for one event inside a savepoint of the processor's transaction.
 *
 * <p>In PostgreSQL a failed statement poisons the whole transaction. Without the savepoint, a
 * failing event could not be dead-lettered (the dead-letter insert would fail in the same
 * transaction) and the whole batch would be retried for ever. With it, only that event's writes
 * are undone and the batch goes on.
 */
@Component
public class ProjectionWrites {

    private final TransactionTemplate savepoint;

    ProjectionWrites(PlatformTransactionManager transactions) {
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    public void run(Runnable writes) {
        savepoint.executeWithoutResult(status -> writes.run());
    }
}
