package org.orderplatform.query.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.orderplatform.query.consistency.ProcessorTokens;
import org.orderplatform.query.projection.Projections;
import org.orderplatform.query.projection.ReadModel;
import org.orderplatform.query.slot.ReadModelSlots;
import org.orderplatform.query.slot.Slot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Zero-downtime rebuild. A second processor ({@code <name>@rebuild}) replays every event into the
 * read model's inactive slot while the active slot keeps serving queries and following new events.
 * Once it has caught up, the live processor stops, the rebuild processor catches the last events,
 * and one transaction makes the rebuilt slot active and hands its tokens to the live processor,
 * which starts again on the new slot. Queries only ever see a complete slot.
 */
@Service
class RebuildService implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RebuildService.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration FINAL_CATCH_UP = Duration.ofMinutes(2);

    private final Map<ReadModel, Projections> projections;
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
    private final Map<ReadModel, Rebuild> rebuilds = new ConcurrentHashMap<>();
    private final ExecutorService runner = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "projection-rebuild");
        thread.setDaemon(true);
        return thread;
    });

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
            ThroughputSampler throughput) {
        this.projections = new ConcurrentHashMap<>();
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
    }

    static String processorName(ReadModel model) {
        return model.processingGroup() + "@rebuild";
    }

    synchronized void start(ReadModel model, boolean replaying) {
        if (replaying) {
            throw ProjectionProcessors.busy(model, "a replay is running");
        }
        if (inProgress(model)) {
            throw ProjectionProcessors.busy(model, "a rebuild is running");
        }
        // refuse early, while nothing has changed yet, if other nodes hold segments
        processors.requireNoOtherOwner(model);
        Slot target = slots.active(model.processingGroup()).other();
        Rebuild rebuild = new Rebuild(model, target, Instant.now());
        rebuilds.put(model, rebuild);
        throughput.watch(processorName(model));
        runner.execute(() -> run(rebuild));
    }

    boolean inProgress(ReadModel model) {
        Rebuild rebuild = rebuilds.get(model);
        return rebuild != null && rebuild.state.isActive();
    }

    Rebuild status(ReadModel model) {
        return rebuilds.get(model);
    }

    private void run(Rebuild rebuild) {
        ReadModel model = rebuild.model;
        StreamingEventProcessor builder = null;
        StreamingEventProcessor live = null;
        try {
            prepareTarget(rebuild);
            builder = rebuildProcessor(rebuild);
            builder.start();
            log.info("Rebuilding projection {} into slot {}", model.processingGroup(), rebuild.target.code());
            awaitCaughtUp(rebuild, positions.head(), Duration.ofDays(365));

            rebuild.state = State.SWITCHING;
            live = processors.stopEverywhereOrRefuse(model);
            awaitCaughtUp(rebuild, positions.head(), FINAL_CATCH_UP);
            builder.shutDown();
            switchTo(rebuild);
            slots.forget(model.processingGroup());
            live.start();
            live = null;
            rebuild.state = State.DONE;
            log.info("Projection {} rebuilt; slot {} is active", model.processingGroup(), rebuild.target.code());
        } catch (Exception e) {
            log.error("Rebuild of projection {} failed; the active slot is unchanged", model.processingGroup(), e);
            rebuild.error = e.getMessage();
            rebuild.state = State.FAILED;
            if (builder != null) {
                builder.shutDown();
            }
            if (live != null) {
                live.start();
            }
        } finally {
            rebuild.finishedAt = Instant.now();
        }
    }

    /** Empties the inactive slot and forgets any earlier rebuild's tokens. */
    private void prepareTarget(Rebuild rebuild) {
        transactions.executeWithoutResult(status -> {
            jdbc.update("DELETE FROM token_entry WHERE processor_name = ?", processorName(rebuild.model));
            for (String table : rebuild.model.tables()) {
                jdbc.execute("TRUNCATE " + rebuild.target.table(table));
            }
        });
    }

    private StreamingEventProcessor rebuildProcessor(Rebuild rebuild) {
        String name = processorName(rebuild.model);
        Object handler = projections.get(rebuild.model).create(() -> rebuild.target);
        ScheduledExecutorService coordinator =
                Executors.newSingleThreadScheduledExecutor(daemon(name + "-coordinator"));
        ScheduledExecutorService workers = Executors.newScheduledThreadPool(2, daemon(name + "-worker"));
        PooledStreamingEventProcessor processor = PooledStreamingEventProcessor.builder()
                .name(name)
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder()
                        .eventHandlers(handler)
                        .listenerInvocationErrorHandler(PropagatingErrorHandler.instance())
                        .build())
                .messageSource(eventStore)
                .tokenStore(tokenStore)
                .transactionManager(axonTransactions)
                .coordinatorExecutor(coordinator)
                .workerExecutor(workers)
                .initialSegmentCount(
                        Math.max(1, tokens.of(rebuild.model.processingGroup()).size()))
                .initialToken(source -> source.createTailToken())
                .batchSize(500)
                // report positions (and so progress) twice a second rather than every five
                .claimExtensionThreshold(500)
                .build();
        rebuild.processor = processor;
        rebuild.executors = List.of(coordinator, workers);
        return processor;
    }

    private void awaitCaughtUp(Rebuild rebuild, long head, Duration timeout) throws TimeoutException {
        String name = processorName(rebuild.model);
        rebuild.target(head);
        await(
                () -> {
                    List<ProcessorTokens.SegmentToken> segments = tokens.of(name);
                    return !segments.isEmpty() && EventPositions.position(segments) >= head;
                },
                timeout,
                "rebuild of " + rebuild.model.processingGroup() + " did not reach position " + head);
    }

    /** One transaction: the rebuilt slot becomes active and the live processor takes over its tokens. */
    private void switchTo(Rebuild rebuild) {
        String live = rebuild.model.processingGroup();
        transactions.executeWithoutResult(status -> {
            jdbc.update("DELETE FROM token_entry WHERE processor_name = ?", live);
            jdbc.update(
                    "INSERT INTO token_entry (processor_name, segment, token, token_type, timestamp, owner)"
                            + " SELECT ?, segment, token, token_type, timestamp, NULL FROM token_entry"
                            + " WHERE processor_name = ?",
                    live,
                    processorName(rebuild.model));
            jdbc.update("DELETE FROM token_entry WHERE processor_name = ?", processorName(rebuild.model));
            slots.activate(live, rebuild.target);
        });
        rebuild.executors.forEach(ExecutorService::shutdown);
    }

    private static void await(BooleanSupplier condition, Duration timeout, String failure) throws TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException(failure);
            }
            LockSupport.parkNanos(POLL.toNanos());
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
        rebuilds.values().forEach(rebuild -> {
            if (rebuild.processor != null && rebuild.state.isActive()) {
                rebuild.processor.shutDown();
            }
            if (rebuild.executors != null) {
                rebuild.executors.forEach(ExecutorService::shutdownNow);
            }
        });
        runner.shutdownNow();
    }

    enum State {
        BUILDING,
        SWITCHING,
        DONE,
        FAILED;

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

        Rebuild(ReadModel model, Slot target, Instant startedAt) {
            this.model = model;
            this.target = target;
            this.startedAt = startedAt;
        }

        void target(long position) {
            targetPosition = position;
        }
    }
}
