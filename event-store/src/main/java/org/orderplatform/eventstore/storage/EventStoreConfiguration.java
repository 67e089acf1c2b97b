package org.orderplatform.eventstore.storage;

import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.orderplatform.eventstore.positions.AppendedPositions;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The event store: Axon's JDBC engine on our schema, behind an event store that wakes processors promptly. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EventStoreProperties.class)
class EventStoreConfiguration {

    /**
     * Axon's JDBC components get their connection from Spring's transaction, and only Spring ends
     * that transaction. Axon's default provider wraps this one in a unit-of-work-aware wrapper that
     * calls {@code rollback()} on the raw connection when a unit of work fails: inside a request
     * transaction (the idempotency filter's) that would roll back the whole request transaction,
     * its advisory lock and savepoint included, behind Spring's back. With Spring's transaction
     * manager in charge (Axon's {@code SpringTransactionManager}) that wrapper has nothing to add.
     */
    @Bean
    ConnectionProvider connectionProvider(DataSource dataSource) {
        return new SpringDataSourceConnectionProvider(dataSource);
    }

    /**
     * Axon's JDBC event store engine on our schema, as its auto-configuration would build it
     * (which backs off once the event store below is defined here), reading {@code batch-size}
     * events per query instead of Axon's 100: an aggregate of 10,000 events, or a replay, takes a
     * tenth of the round trips (docs/performance.md, R3). Appends remember the positions they got
     * ({@link AppendedPositions}).
     */
    @Bean
    EventStorageEngine eventStorageEngine(
            Serializer defaultSerializer,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            PersistenceExceptionResolver persistenceExceptionResolver,
            org.axonframework.config.Configuration configuration,
            ConnectionProvider connectionProvider,
            TransactionManager transactionManager,
            EventSchema eventSchema,
            EventStoreProperties properties) {
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema)
                .batchSize(properties.batchSize())
                .appendEvents(AppendedPositions::appendEvents)
                .build();
    }

    /**
     * Axon's embedded event store, made prompt: see {@link PromptEventStore}. It also polls the
     * database every {@code fetch-delay} for other nodes' events: one query per interval per node,
     * shared by all processors.
     */
    @Bean(name = "eventBus", destroyMethod = "")
    @Qualifier("eventStore")
    PromptEventStore eventStore(
            EventStorageEngine storageEngine,
            org.axonframework.config.Configuration configuration,
            EventStoreProperties properties) {
        return new PromptEventStore(PromptEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .fetchDelay(properties.fetchDelay().toMillis()));
    }

    /**
     * Axon's default JDBC resolver only recognises {@code SQLIntegrityConstraintViolationException},
     * which the PostgreSQL driver never throws: a second writer's duplicate sequence number would
     * surface as a generic storage error (500) instead of a concurrency conflict (409). PostgreSQL
     * reports unique violations as SQLState 23505.
     */
    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new SQLStateResolver("23505");
    }
}
