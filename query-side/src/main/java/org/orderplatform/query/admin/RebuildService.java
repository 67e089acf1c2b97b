package org.orderplatform.query.admin;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.deadletter.DeadLetteringEventHandlerInvoker;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.orderplatform.eventstore.deadletter.DeadLetterEntries;
import org.orderplatform.eventstore.positions.EventPositions;
import org.orderplatform.eventstore.positions.ProcessorTokens;
import org.orderplatform.eventstore.positions.TokenPositions;
import org.orderplatform.query.bulk.BulkOutcome;
import org.orderplatform.query.bulk.BulkProjection;
import org.orderplatform.query.bulk.BulkProperties;
import org.orderplatform.query.bulk.BulkRun;
import org.orderplatform.query.projection.Projections;
import org.orderplatform.query.projection.ReadModel;
import org.orderplatform.query.projection.RetryTransientFailures;
import org.orderplatform.query.slot.ReadModelSlots;
import org.orderplatform.query.slot.Slot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Zero-downtime rebuild. A bulk run ({@link BulkProjection}) fills the read model's inactive slot
 * from every event under the tokens of a second processor ({@code <name>@rebuild}), while the
 * active slot keeps serving queries and following new events. That processor then goes on from the
 * bulk run's last chunk (the events that came meanwhile, or everything after a chunk the bulk run
 * could not write, event by event, parking poison events in its own dead-letter queue). Once it is
 * close to the head, the live processor stops, the rebuild processor catches the last events, and
 * one transaction makes the rebuilt slot active and hands its tokens (and its dead letters) to the
 * live processor, which starts again on the new slot. Queries only ever see a complete slot. See
 * ADR 0003 and ADR 0006. Each rebuild is recorded ({@link RebuildRecords}) as it starts, moves on
 * and ends, with a heartbeat while it runs, so that one whose node died is reported as interrupted.
 */
@Service
class RebuildService implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RebuildService.class);
    private static final Duration POLL = Duration.ofMillis(200);
    /** The live processor is stopped only when the rebuild is this close to the head. */
    private static final long SWITCH_LAG = 100;

    private static final Duration FINAL_CATCH_UP = Duration.ofMinutes(2);
    /** A rebuild whose processor keeps failing this long (not a poison event: those are parked) gives up. */
    private static final Duration ERROR_PATIENCE = Duration.ofSeconds(30);

    private final Map<ReadModel, Projections> projections = new ConcurrentHashMap<>();
    private final ProjectionProcessors processors;
    private final ProcessorTokens tokens;
    private final EventPositions positions;
    private final ReadModelSlots slots;
    private final EventStore eventStore;
    private final TokenStore tokenStore;
    private final TransactionManager axonTransactions;
    private final TransactionTemplate transactions;
    private final JdbcTemplate jdbc;
    private final ThroughputSampler throughput;
    private final ConnectionProvider connections;
    private final DeadLetterSchema deadLetterSchema;
    private final Serializer serializer;
    private final Serializer eventSerializer;
    private final DeadLetterEntries deadLetterEntries;
    private final BulkProjection bulk;
    private final BulkProperties bulkProperties;
    private final Map<ReadModel, Rebuild> rebuilds = new ConcurrentHashMap<>();
    // the replay service asks this one whether a rebuild runs, and this one asks it back
    private final ObjectProvider<ReplayService> replays;
    private final ExecutorService runner = Executors.newCachedThreadPool(daemon("projection-rebuild"));
    private final RebuildRecords records;
    private final ScheduledExecutorService heartbeats =
            Executors.newSingleThreadScheduledExecutor(daemon("projection-rebuild-heartbeat"));
    private volatile boolean closing;

    RebuildService(
            List<Projections> projections,
            ProjectionProcessors processors,
            ProcessorTokens tokens,
            EventPositions positions,
            ReadModelSlots slots,
            EventStore eventStore,
            TokenStore tokenStore,
            TransactionManager axonTransactions,
            TransactionTemplate transactions,
            JdbcTemplate jdbc,
            ThroughputSampler throughput,
            ConnectionProvider connections,
            DeadLetterSchema deadLetterSchema,
            Serializer serializer,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            DeadLetterEntries deadLetterEntries,
            BulkProjection bulk,
            BulkProperties bulkProperties,
            ObjectProvider<ReplayService> replays,
            RebuildRecords records) {
        this.replays = replays;
        this.records = records;
        projections.forEach(p -> this.projections.put(p.readModel(), p));
        this.processors = processors;
        this.tokens = tokens;
        this.positions = positions;
        this.slots = slots;
        this.eventStore = eventStore;
        this.tokenStore = tokenStore;
        this.axonTransactions = axonTransactions;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.throughput = throughput;
        this.connections = connections;
        this.deadLetterSchema = deadLetterSchema;
        this.serializer = serializer;
        this.eventSerializer = eventSerializer;
        this.deadLetterEntries = deadLetterEntries;
        this.bulk = bulk;
        this.bulkProperties = bulkProperties;
        heartbeats.scheduleWithFixedDelay(
                this::heartbeat,
                RebuildRecords.HEARTBEAT.toMillis(),
                RebuildRecords.HEARTBEAT.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    static String processorName(ReadModel model) {
        return model.processingGroup() + "@rebuild";
    }

    /** Starts a rebuild in the background; refuses while a replay or rebuild of the model runs. */
    void start(ReadModel model) {
        synchronized (processors) {
            // a bulk replay holds no replay target in the tokens: ask the replay service
            if (replays.getObject().isReplaying(model)) {
                throw ProjectionProcessors.busy(model, "a replay is running");
            }
            if (inProgress(model)) {
                throw ProjectionProcessors.busy(model, "a rebuild is running");
            }
            // refuse early, while nothing has changed yet, if other nodes hold segments
            processors.requireNoOtherOwner(model);
            // to the microsecond the database keeps, so that the record is found by it again
            Rebuild rebuild = new Rebuild(
                    model,
                    slots.active(model.processingGroup()).other(),
                    Instant.now().truncatedTo(ChronoUnit.MICROS));
            // one statement decides between nodes: refused while another's rebuild still reports in
            if (!records.started(model, rebuild.target.code(), rebuild.startedAt)) {
                String node =
                        records.find(model).map(RebuildRecords.Recorded::node).orElse("another node");
                throw ProjectionProcessors.busy(model, "a rebuild is running on " + node);
            }
            // no rebuild of the model runs anywhere now: claims on its rebuild processor's
            // segments are a dead node's (killed half way), and would refuse this one for good
            tokens.releaseClaims(processorName(model));
            rebuilds.put(model, rebuild);
            throughput.watch(processorName(model), () -> position(model));
            runner.execute(() -> run(rebuild));
        }
    }

    /**
     * Where the model's rebuild is: its bulk run's position while that fills the slot (the tokens
     * stay put until it hands over), then its processor's tokens, which go on from there.
     */
    long position(ReadModel model) {
        long tokenPosition = TokenPositions.position(tokens.of(processorName(model)));
        Rebuild rebuild = rebuilds.get(model);
        BulkRun run = rebuild == null ? null : rebuild.bulk;
        return run == null ? tokenPosition : Math.max(run.position(), tokenPosition);
    }

    /** Running, or winding down (its processors stopping): not finished until it is. */
    boolean inProgress(ReadModel model) {
        Rebuild rebuild = rebuilds.get(model);
        return rebuild != null && (rebuild.state.isActive() || rebuild.finishedAt == null);
    }

    Rebuild status(ReadModel model) {
        return rebuilds.get(model);
    }

    private void run(Rebuild rebuild) {
        ReadModel model = rebuild.model;
        StreamingEventProcessor live = null;
        boolean switched = false;
        // the outcome is shown only once the rebuild has wound down: until then it still counts
        // as running (inProgress), and a "done" shown earlier would invite a refused new one
        State outcome = State.FAILED;
        try {
            if (bulkProperties.isEnabled()) {
                buildInBulk(rebuild);
            } else {
                prepareTarget(rebuild);
            }
            if (closing) {
                throw new InterruptedException("rebuild interrupted (shutting down)");
            }
            StreamingEventProcessor builder = rebuildProcessor(rebuild);
            builder.start();
            log.info("Rebuilding projection {} into slot {}", model.processingGroup(), rebuild.target.code());
            // follow the head as it moves: stop the live processor only when little is left
            awaitCaughtUp(rebuild, builder, SWITCH_LAG, Duration.ofDays(365));

            rebuild.state = State.SWITCHING;
            record(rebuild);
            live = processors.stopEverywhereOrRefuse(model);
            awaitCaughtUp(rebuild, builder, 0, FINAL_CATCH_UP);
            builder.shutDown();
            switchTo(rebuild);
            switched = true;
            slots.forget(model.processingGroup());
            outcome = State.DONE;
            log.info("Projection {} rebuilt; slot {} is active", model.processingGroup(), rebuild.target.code());
        } catch (Exception e) {
            log.error("Rebuild of projection {} failed; the active slot is unchanged", model.processingGroup(), e);
            rebuild.error = e.getMessage();
            // stopped with the node (SIGTERM): interrupted, as one whose node died is reported
            outcome = closing ? State.INTERRUPTED : State.FAILED;
        } finally {
            stopRebuildProcessor(rebuild);
            if (live != null && !closing) {
                restart(rebuild, live, switched);
            }
            // in this order: the heartbeat takes a set finishedAt for an ending and records the
            // state it then reads, which must be the outcome
            rebuild.state = outcome;
            rebuild.finishedAt = Instant.now();
            record(rebuild);
        }
    }

    /**
     * Writes the rebuild's state down; a failure to is logged (the rebuild itself goes on), and an
     * ending not written is written by the heartbeat later: left "switching", a rebuild that did
     * switch would read as interrupted on the other nodes.
     */
    private void record(Rebuild rebuild) {
        State state = rebuild.state;
        try {
            records.moved(
                    rebuild.model,
                    rebuild.startedAt,
                    state.name().toLowerCase(Locale.ROOT),
                    rebuild.finishedAt,
                    rebuild.error);
            if (!state.isActive()) {
                rebuild.endingRecorded = true;
            }
        } catch (RuntimeException e) {
            log.warn("Could not record the rebuild of {} as {}", rebuild.model.processingGroup(), state, e);
        }
    }

    private void heartbeat() {
        rebuilds.values().forEach(rebuild -> {
            // until it has finished, winding down included: its processor may still write
            if (rebuild.finishedAt == null) {
                try {
                    records.heartbeat(rebuild.model, rebuild.startedAt);
                } catch (RuntimeException e) {
                    // the next one may get through; one missed beat is far from stale
                    log.debug("Rebuild heartbeat of {} failed", rebuild.model.processingGroup(), e);
                }
            } else if (!rebuild.endingRecorded && rebuild.finishedAt != null) {
                record(rebuild);
            }
        });
    }

    private void restart(Rebuild rebuild, StreamingEventProcessor live, boolean switched) {
        try {
            live.start();
        } catch (RuntimeException e) {
            log.error("The live processor of {} did not restart", rebuild.model.processingGroup(), e);
            rebuild.error = (switched ? "Switched to slot " + rebuild.target.code() + ", but " : "")
                    + "the live processor did not restart: " + e.getMessage();
        }
    }

    /**
     * Fills the inactive slot in bulk under the rebuild processor's tokens. The bulk run empties it
     * and forgets an earlier rebuild's dead letters first. Whether it read everything or stopped at
     * a chunk it could not write, the rebuild processor goes on from its last chunk.
     */
    private void buildInBulk(Rebuild rebuild) {
        BulkRun run = new BulkRun(
                rebuild.model, rebuild.target, processorName(rebuild.model), processors.segments(rebuild.model), false);
        rebuild.bulk = run;
        BulkOutcome outcome = bulk.run(run);
        switch (outcome.ending()) {
            case COMPLETED, HANDED_OVER -> {}
            default ->
                throw new IllegalStateException(
                        "the bulk build ended: " + outcome.ending().name().toLowerCase(Locale.ROOT) + ", "
                                + (outcome.cause() == null
                                        ? ""
                                        : outcome.cause().getMessage()),
                        outcome.cause());
        }
    }

    /** Empties the inactive slot and forgets any earlier rebuild's tokens and dead letters. */
    private void prepareTarget(Rebuild rebuild) {
        String name = processorName(rebuild.model);
        transactions.executeWithoutResult(status -> {
            tokens.delete(name);
            deadLetterEntries.deleteAll(name);
            for (String table : rebuild.model.tables()) {
                jdbc.execute("TRUNCATE " + rebuild.target.table(table));
            }
        });
    }

    /**
     * The rebuild's processor: the read model's own handlers, bound to the inactive slot, with a
     * dead-letter queue of its own, so a poison event is parked here as it is in the live one.
     */
    private StreamingEventProcessor rebuildProcessor(Rebuild rebuild) {
        String name = processorName(rebuild.model);
        Object handler = projections.get(rebuild.model).create(() -> rebuild.target);
        JdbcSequencedDeadLetterQueue<EventMessage<?>> deadLetters = JdbcSequencedDeadLetterQueue.builder()
                .processingGroup(name)
                .connectionProvider(connections)
                .transactionManager(axonTransactions)
                .schema(deadLetterSchema)
                .genericSerializer(serializer)
                .eventSerializer(eventSerializer)
                .build();
        ScheduledExecutorService coordinator =
                Executors.newSingleThreadScheduledExecutor(daemon(name + "-coordinator"));
        ScheduledExecutorService workers = Executors.newScheduledThreadPool(2, daemon(name + "-worker"));
        rebuild.executors = List.of(coordinator, workers);
        PooledStreamingEventProcessor processor = PooledStreamingEventProcessor.builder()
                .name(name)
                .eventHandlerInvoker(DeadLetteringEventHandlerInvoker.builder()
                        .eventHandlers(handler)
                        .queue(deadLetters)
                        .enqueuePolicy(new RetryTransientFailures())
                        .transactionManager(axonTransactions)
                        .enableSequenceIdentifierCache()
                        .build())
                .messageSource(eventStore)
                .tokenStore(tokenStore)
                .transactionManager(axonTransactions)
                .coordinatorExecutor(coordinator)
                .workerExecutor(workers)
                .initialSegmentCount(processors.segments(rebuild.model))
                .initialToken(source -> source.createTailToken())
                .batchSize(500)
                // report positions (and so progress) twice a second rather than every five
                .claimExtensionThreshold(500)
                .build();
        rebuild.processor = processor;
        return processor;
    }

    /**
     * Waits until the rebuild is within {@code lag} events of the head (read afresh each time), and
     * gives up if its processor stays in error (failures that are not parked keep it retrying).
     */
    private void awaitCaughtUp(Rebuild rebuild, StreamingEventProcessor builder, long lag, Duration timeout)
            throws TimeoutException, InterruptedException {
        String name = processorName(rebuild.model);
        long[] erroringSince = {0};
        await(
                () -> {
                    if (builder.isError()) {
                        if (erroringSince[0] == 0) {
                            erroringSince[0] = System.nanoTime();
                        } else if (System.nanoTime() - erroringSince[0] > ERROR_PATIENCE.toNanos()) {
                            throw new IllegalStateException("the rebuild processor keeps failing; see the log");
                        }
                    } else {
                        erroringSince[0] = 0;
                    }
                    long head = positions.head();
                    rebuild.targetPosition = head;
                    List<ProcessorTokens.SegmentToken> segments = tokens.of(name);
                    return !segments.isEmpty() && TokenPositions.position(segments) >= head - lag;
                },
                timeout,
                "rebuild of " + rebuild.model.processingGroup() + " did not catch up");
    }

    /**
     * One transaction: the rebuilt slot becomes active, the live processor takes over the rebuild's
     * tokens and dead letters. Refuses if another node claimed a live segment in the meantime.
     */
    private void switchTo(Rebuild rebuild) {
        String live = rebuild.model.processingGroup();
        String name = processorName(rebuild.model);
        transactions.executeWithoutResult(status -> {
            List<String> owners = tokens.lockOwners(live);
            if (!owners.isEmpty()) {
                throw new IllegalStateException("other nodes claimed segments of " + live + ": " + owners);
            }
            tokens.handOver(name, live);
            // the old slot's dead letters describe the old slot; the rebuilt one has its own
            deadLetterEntries.deleteAll(live);
            deadLetterEntries.moveAll(name, live);
            slots.activate(live, rebuild.target);
        });
    }

    private void stopRebuildProcessor(Rebuild rebuild) {
        if (rebuild.processor != null) {
            try {
                rebuild.processor.shutDown();
            } catch (RuntimeException e) {
                log.warn("Stopping the rebuild processor of {} failed", rebuild.model.processingGroup(), e);
            }
        }
        // Axon does not stop executors it was given
        if (rebuild.executors != null) {
            rebuild.executors.forEach(ExecutorService::shutdownNow);
        }
    }

    private static void await(BooleanSupplier condition, Duration timeout, String failure)
            throws TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException(failure);
            }
            LockSupport.parkNanos(POLL.toNanos());
            if (Thread.interrupted()) {
                throw new InterruptedException("rebuild interrupted (shutting down)");
            }
        }
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void destroy() {
        closing = true;
        rebuilds.values().forEach(rebuild -> {
            BulkRun run = rebuild.bulk;
            if (run != null) {
                run.stop();
            }
        });
        runner.shutdownNow();
        heartbeats.shutdownNow();
        try {
            // a rebuild cut short records that it failed, while the database is still there
            runner.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    enum State {
        BUILDING,
        SWITCHING,
        DONE,
        FAILED,
        /** Stopped with its node. */
        INTERRUPTED;

        boolean isActive() {
            return this == BUILDING || this == SWITCHING;
        }
    }

    /** One rebuild's state, read by the status endpoint while the runner thread moves it on. */
    static final class Rebuild {
        final ReadModel model;
        final Slot target;
        final Instant startedAt;
        volatile State state = State.BUILDING;
        volatile Instant finishedAt;
        volatile String error;
        volatile long targetPosition;
        volatile StreamingEventProcessor processor;
        volatile List<ScheduledExecutorService> executors;
        volatile BulkRun bulk;
        volatile boolean endingRecorded;

        Rebuild(ReadModel model, Slot target, Instant startedAt) {
            this.model = model;
            this.target = target;
            this.startedAt = startedAt;
        }
    }
}
