package org.orderplatform.command.snapshot;

import java.util.concurrent.Executor;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Submits work only once the surrounding Spring transaction has ended.
 *
 * <p>Axon schedules a snapshot when its unit of work commits. When that unit of work joined an
 * outer transaction (the HTTP idempotency filter holds one per request), the events are not yet
 * visible to other connections at that moment; a snapshot built then would miss them. The task
 * runs after a rollback too: it then snapshots the committed state, which is harmless, while
 * dropping it would leave Axon believing a snapshot is still in progress for that aggregate.
 */
final class AfterTransactionExecutor implements Executor {

    private final Executor delegate;

    AfterTransactionExecutor(Executor delegate) {
        this.delegate = delegate;
    }

    @Override
    public void execute(Runnable task) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    delegate.execute(task);
                }
            });
        } else {
            delegate.execute(task);
        }
    }
}
