package org.orderplatform.command.snapshot;

import java.util.concurrent.Executor;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.SnapshotterSpanFactory;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * Axon's default snapshotter builds snapshots on the command thread. This one hands the work to a
 * small pool, so a command never waits for a snapshot.
 *
 * <p>The pool's queue has no capacity limit on purpose: Axon keeps at most one pending snapshot
 * per aggregate (it deduplicates), so the queue is bounded by the number of distinct aggregates
 * awaiting one. A rejected task would be worse: Axon would still count it as in progress and never
 * snapshot that aggregate again.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
class SnapshotterConfiguration {

    @Bean
    SpringAggregateSnapshotter aggregateSnapshotter(
            Configuration configuration,
            HandlerDefinition handlerDefinition,
            ParameterResolverFactory parameterResolverFactory,
            EventStore eventStore,
            TransactionManager transactionManager,
            SnapshotterSpanFactory spanFactory,
            @Qualifier("snapshotExecutor") Executor snapshotExecutor) {
        return SpringAggregateSnapshotter.builder()
                .repositoryProvider(configuration::repository)
                .transactionManager(transactionManager)
                .eventStore(eventStore)
                .parameterResolverFactory(parameterResolverFactory)
                .handlerDefinition(handlerDefinition)
                .spanFactory(spanFactory)
                .executor(new AfterTransactionExecutor(snapshotExecutor))
                .build();
    }

    @Bean
    ThreadPoolTaskExecutor snapshotExecutor(@Value("${orders.snapshots.threads:1}") int threads) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setThreadNamePrefix("snapshotter-");
        executor.setCorePoolSize(threads);
        executor.setMaxPoolSize(threads);
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.setAwaitTerminationSeconds(10);
        return executor;
    }
}
