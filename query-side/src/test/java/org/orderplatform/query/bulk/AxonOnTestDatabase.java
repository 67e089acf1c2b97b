package org.orderplatform.query.bulk;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.deadletter.DeadLetteringEventHandlerInvoker;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.orderplatform.eventstore.deadletter.DeadLetterEntries;
import org.orderplatform.eventstore.positions.ProcessorClaims;
import org.orderplatform.eventstore.positions.ProcessorTokens;
import org.orderplatform.query.customers.CustomerStatsBulkProjector;
import org.orderplatform.query.customers.CustomerStatsProjection;
import org.orderplatform.query.orders.OrderDetailBulkProjector;
import org.orderplatform.query.orders.OrderDetailProjection;
import org.orderplatform.query.orders.OrderSummaryBulkProjector;
import org.orderplatform.query.orders.OrderSummaryProjection;
import org.orderplatform.query.projection.ReadModel;
import org.orderplatform.query.projection.ReadModelDatabase;
import org.orderplatform.query.projection.RetryTransientFailures;
import org.orderplatform.query.slot.Slot;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Axon's real storage and processing on a fresh PostgreSQL with the platform's changelog: the JDBC
 * event storage engine, token store and dead-letter queue on the platform's schema, the event-store
 * module's token and dead-letter helpers, the live projections and their bulk projectors. What a
 * replay runs on in production, without the rest of the application.
 */
final class AxonOnTestDatabase implements AutoCloseable {

    /** Axon's mapper as the event-store module configures it. */
    static final ObjectMapper AXON_JSON = JsonMapper.builder()
            .findAndAddModules()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();
    /** The read models' JSON mapper (the application's default one). */
    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    final ReadModelDatabase db;
    final JdbcTemplate jdbc;
    final Serializer serializer;
    final SpringTransactionManager axonTransactions;
    final ConnectionProvider connections;
    final EventSchema eventSchema;
    final TokenSchema tokenSchema;
    final DeadLetterSchema deadLetterSchema;
    final JdbcEventStorageEngine engine;
    final EmbeddedEventStore eventStore;
    final JdbcTokenStore tokenStore;
    final ProcessorTokens tokens;
    final ProcessorClaims claims;
    final DeadLetterEntries deadLetters;
    private final AnnotationConfigApplicationContext helpers;
    private final List<PooledStreamingEventProcessor> processors = new ArrayList<>();
    private final List<ScheduledExecutorService> executors = new ArrayList<>();

    AxonOnTestDatabase() throws Exception {
        db = ReadModelDatabase.create();
        jdbc = db.jdbc();
        serializer = JacksonSerializer.builder().objectMapper(AXON_JSON).build();
        axonTransactions = new SpringTransactionManager(db.transactions());
        connections = new SpringDataSourceConnectionProvider(db.dataSource());
        eventSchema = EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
        tokenSchema = TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("timestamp")
                .setOwnerColumn("owner")
                .build();
        deadLetterSchema = DeadLetterSchema.builder()
                .deadLetterTable("dead_letter_entry")
                .deadLetterIdentifierColumn("dead_letter_id")
                .processingGroupColumn("processing_group")
                .sequenceIdentifierColumn("sequence_identifier")
                .sequenceIndexColumn("sequence_index")
                .messageTypeColumn("message_type")
                .eventIdentifierColumn("event_identifier")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .aggregateTypeColumn("aggregate_type")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .tokenTypeColumn("token_type")
                .tokenColumn("token")
                .enqueuedAtColumn("enqueued_at")
                .lastTouchedColumn("last_touched")
                .processingStartedColumn("processing_started")
                .causeTypeColumn("cause_type")
                .causeMessageColumn("cause_message")
                .diagnosticsColumn("diagnostics")
                .build();
        engine = JdbcEventStorageEngine.builder()
                .snapshotSerializer(serializer)
                .eventSerializer(serializer)
                .connectionProvider(connections)
                .transactionManager(axonTransactions)
                .schema(eventSchema)
                .batchSize(1000)
                .build();
        eventStore = EmbeddedEventStore.builder().storageEngine(engine).build();
        tokenStore = JdbcTokenStore.builder()
                .connectionProvider(connections)
                .serializer(serializer)
                .schema(tokenSchema)
                .build();
        // the event-store module's helpers, made as Spring makes them
        helpers = new AnnotationConfigApplicationContext();
        helpers.registerBean(JdbcTemplate.class, () -> jdbc);
        helpers.registerBean(Serializer.class, () -> serializer);
        helpers.registerBean(TokenSchema.class, () -> tokenSchema);
        helpers.registerBean(DeadLetterSchema.class, () -> deadLetterSchema);
        helpers.register(ProcessorTokens.class, ProcessorClaims.class, DeadLetterEntries.class);
        helpers.refresh();
        tokens = helpers.getBean(ProcessorTokens.class);
        claims = helpers.getBean(ProcessorClaims.class);
        deadLetters = helpers.getBean(DeadLetterEntries.class);
    }

    /** Appends the events in one committed transaction. */
    void append(List<? extends EventMessage<?>> events) {
        axonTransactions.executeInTransaction(() -> engine.appendEvents(events));
    }

    /** Appends the events in a transaction that rolls back: their global indexes stay gaps. */
    void appendRolledBack(List<? extends EventMessage<?>> events) {
        new TransactionTemplate(db.transactions()).executeWithoutResult(status -> {
            engine.appendEvents(events);
            status.setRollbackOnly();
        });
    }

    /** A bulk projection over {@code engine} (the real one, or a wrapper), {@code chunkSize} events a chunk. */
    BulkProjection bulk(EventStorageEngine engine, int chunkSize) {
        return new BulkProjection(
                engine,
                tokens,
                claims,
                deadLetters,
                db.transactions(),
                db.dataSource(),
                List.of(
                        new OrderSummaryBulkProjector(),
                        new OrderDetailBulkProjector(JSON),
                        new CustomerStatsBulkProjector()),
                new BulkProperties(true, chunkSize));
    }

    /** The read model's live handlers, writing into {@code slot}. */
    Object liveProjection(ReadModel model, Slot slot) {
        return switch (model) {
            case ORDER_SUMMARY -> new OrderSummaryProjection(jdbc, db.writes(), () -> slot);
            case ORDER_DETAIL -> new OrderDetailProjection(jdbc, db.writes(), JSON, () -> slot);
            case CUSTOMER_STATS -> new CustomerStatsProjection(jdbc, db.writes(), () -> slot);
        };
    }

    /**
     * Every event of the store, handled one by one by the live handlers into {@code slot}, in
     * batches of 100 per transaction with each event's writes in a savepoint: what the processor
     * does, without its threads.
     */
    void projectLive(ReadModel model, Slot slot) {
        projectLive(model, slot, Long.MAX_VALUE);
    }

    /** {@link #projectLive(ReadModel, Slot)} for the events up to the global index {@code upTo}. */
    void projectLive(ReadModel model, Slot slot, long upTo) {
        AnnotationEventHandlerAdapter handlers = new AnnotationEventHandlerAdapter(liveProjection(model, slot));
        List<TrackedEventMessage<?>> all = new ArrayList<>();
        engine.readEvents(null, false)
                .filter(event -> event.trackingToken().position().orElseThrow() <= upTo)
                .forEach(all::add);
        TransactionTemplate transaction = new TransactionTemplate(db.transactions());
        for (int from = 0; from < all.size(); from += 100) {
            List<TrackedEventMessage<?>> batch = all.subList(from, Math.min(all.size(), from + 100));
            transaction.executeWithoutResult(status -> batch.forEach(event -> {
                try {
                    if (handlers.canHandle(event)) {
                        handlers.handle(event);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
    }

    /**
     * The read model's processor as the platform runs it: pooled, its handlers bound to
     * {@code slot}, with its own dead-letter queue; not started.
     */
    PooledStreamingEventProcessor processor(String name, ReadModel model, Slot slot) {
        JdbcSequencedDeadLetterQueue<EventMessage<?>> queue = JdbcSequencedDeadLetterQueue.builder()
                .processingGroup(name)
                .connectionProvider(connections)
                .transactionManager(axonTransactions)
                .schema(deadLetterSchema)
                .genericSerializer(serializer)
                .eventSerializer(serializer)
                .build();
        ScheduledExecutorService coordinator = Executors.newSingleThreadScheduledExecutor();
        ScheduledExecutorService workers = Executors.newScheduledThreadPool(2);
        executors.add(coordinator);
        executors.add(workers);
        PooledStreamingEventProcessor processor = PooledStreamingEventProcessor.builder()
                .name(name)
                .eventHandlerInvoker(DeadLetteringEventHandlerInvoker.builder()
                        .eventHandlers(liveProjection(model, slot))
                        .queue(queue)
                        .enqueuePolicy(new RetryTransientFailures())
                        .transactionManager(axonTransactions)
                        .build())
                .messageSource(eventStore)
                .tokenStore(tokenStore)
                .transactionManager(axonTransactions)
                .coordinatorExecutor(coordinator)
                .workerExecutor(workers)
                .initialSegmentCount(2)
                .initialToken(source -> source.createTailToken())
                .batchSize(50)
                .build();
        processors.add(processor);
        return processor;
    }

    /** Every row of the slot's tables of the model, table by table, in primary key order. */
    Map<String, List<Map<String, Object>>> rows(ReadModel model, Slot slot) {
        Map<String, List<Map<String, Object>>> rows = new LinkedHashMap<>();
        for (String table : model.tables()) {
            String order = switch (table) {
                case "order_timeline" -> "order_id, version";
                case "customer_stats" -> "customer_id, currency";
                default -> "order_id";
            };
            rows.put(
                    table,
                    jdbc.queryForList("SELECT * FROM " + slot.table(table) + " ORDER BY " + order).stream()
                            .map(AxonOnTestDatabase::comparable)
                            .toList());
        }
        return rows;
    }

    /** JSON columns come back as driver objects; their text (jsonb's normal form) compares. */
    private static Map<String, Object> comparable(Map<String, Object> row) {
        Map<String, Object> copy = new LinkedHashMap<>();
        row.forEach((column, value) -> copy.put(
                column,
                value != null && value.getClass().getName().equals("org.postgresql.util.PGobject")
                        ? value.toString()
                        : value));
        return copy;
    }

    /** The global index of the {@code n}th event in the store (1 for the first). */
    long positionOf(int n) {
        return jdbc.queryForObject(
                "SELECT global_index FROM domain_event_entry ORDER BY global_index OFFSET ? LIMIT 1",
                Long.class,
                n - 1);
    }

    long head() {
        return jdbc.queryForObject("SELECT coalesce(max(global_index), 0) FROM domain_event_entry", Long.class);
    }

    /** An empty store, no tokens, no dead letters, empty read models. */
    void reset() {
        jdbc.execute("TRUNCATE domain_event_entry, token_entry, dead_letter_entry");
        for (ReadModel model : ReadModel.values()) {
            truncate(model, Slot.A);
            truncate(model, Slot.B);
        }
    }

    void truncate(ReadModel model, Slot slot) {
        model.tables().forEach(table -> jdbc.execute("TRUNCATE " + slot.table(table)));
    }

    @Override
    public void close() throws Exception {
        processors.forEach(PooledStreamingEventProcessor::shutDown);
        executors.forEach(ScheduledExecutorService::shutdownNow);
        eventStore.shutDown();
        helpers.close();
        db.close();
    }
}
