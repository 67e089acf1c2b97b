package org.orderplatform.command.snapshot;

import java.util.concurrent.Executor;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Submits work only once the surrounding Spring transaction has committed.
 *
 * <p>Axon schedules a snapshot when its unit of work commits. When that unit of work joined an
 * outer transaction (the HTTP idempotency filter holds one per request), the events are not yet
 * visible to other connections at that moment; a snapshot built then would miss them.
 */
final class AfterCommitExecutor implements Executor {

    private final Executor delegate;

    AfterCommitExecutor(Executor delegate) {
        this.delegate = delegate;
    }

    @Override
    public void execute(Runnable task) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    delegate.execute(task);
                }
            });
        } else {
            delegate.execute(task);
        }
    }
}
