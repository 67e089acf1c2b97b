package org.orderplatform.query.admin;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.messaging.StreamableMessageSource;
import org.orderplatform.eventstore.positions.ProcessorTokens;
import org.orderplatform.eventstore.positions.TokenPositions;
import org.orderplatform.query.bulk.BulkProjection;
import org.orderplatform.query.bulk.BulkProperties;
import org.orderplatform.query.bulk.BulkRun;
import org.orderplatform.query.projection.ReadModel;
import org.orderplatform.query.slot.ReadModelSlots;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;

/**
 * Replays a projection in place: stop it, refill its active slot from the first event, start it
 * again. Queries see the read model refill; for no gap at all, rebuild instead.
 *
 * <p>The refill is a bulk run ({@link BulkProjection}) in the background: chunks committed with
 * the processor's (replay) tokens, so the admin API shows progress and a crash leaves a state the
 * processor continues from. When the run has read everything, or stops at a chunk it cannot
 * write, the live processor starts and goes on from its last chunk. With bulk runs off
 * ({@code orders.projections.bulk.enabled=false}) the processor's tokens are reset and it replays
 * event by event, as Axon does.
 */
@Service
class ReplayService implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ReplayService.class);

    private final ProjectionProcessors processors;
    private final ProcessorTokens tokens;
    private final RebuildService rebuilds;
    private final BulkProjection bulk;
    private final BulkProperties bulkProperties;
    private final ReadModelSlots slots;
    private final Map<ReadModel, BulkRun> running = new ConcurrentHashMap<>();
    private final ExecutorService runner = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "projection-replay");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean closing;

    ReplayService(
            ProjectionProcessors processors,
            ProcessorTokens tokens,
            RebuildService rebuilds,
            BulkProjection bulk,
            BulkProperties bulkProperties,
            ReadModelSlots slots) {
        this.processors = processors;
        this.tokens = tokens;
        this.rebuilds = rebuilds;
        this.bulk = bulk;
        this.bulkProperties = bulkProperties;
        this.slots = slots;
    }

    void replay(ReadModel model) {
        // one lock for replays and rebuilds of every projection: their checks and starts don't interleave
        synchronized (processors) {
            if (isReplaying(model)) {
                throw ProjectionProcessors.busy(model, "a replay is running");
            }
            if (rebuilds.inProgress(model)) {
                throw ProjectionProcessors.busy(model, "a rebuild is running");
            }
            StreamingEventProcessor processor = processors.stopEverywhereOrRefuse(model);
            if (!bulkProperties.isEnabled()) {
                try {
                    // from the first event, whatever the processor's initial position is for new tokens
                    processor.resetTokens(StreamableMessageSource::createTailToken);
                    log.info("Replaying projection {}", model.processingGroup());
                } finally {
                    processor.start();
                }
                return;
            }
            try {
                BulkRun run = new BulkRun(
                        model,
                        slots.active(model.processingGroup()),
                        model.processingGroup(),
                        processors.segments(model),
                        true);
                running.put(model, run);
                runner.execute(() -> replayInBulk(run, processor));
                log.info("Replaying projection {} in bulk", model.processingGroup());
            } catch (RuntimeException e) {
                running.remove(model);
                processor.start();
                throw e;
            }
        }
    }

    private void replayInBulk(BulkRun run, StreamingEventProcessor processor) {
        try {
            bulk.run(run);
        } finally {
            try {
                if (!closing) {
                    // from the last committed chunk: the rest of the store, or the chunk that failed
                    processor.start();
                }
            } catch (RuntimeException e) {
                log.error("The processor of {} did not restart after its replay", run.processorName(), e);
            } finally {
                running.remove(run.model(), run);
            }
        }
    }

    /**
     * Replaying while a bulk run fills the read model here, or while any segment, on whichever
     * node, is still short of the position it was reset at.
     */
    boolean isReplaying(ReadModel model) {
        return running.containsKey(model)
                || TokenPositions.replayTarget(tokens.of(model.processingGroup()))
                        .isPresent();
    }

    /** The bulk run filling the read model on this node, if one is. */
    Optional<BulkRun> bulkRun(ReadModel model) {
        return Optional.ofNullable(running.get(model));
    }

    /** Stops bulk runs after their current chunk; the processor continues from there at the next start. */
    @Override
    public void destroy() throws InterruptedException {
        closing = true;
        running.values().forEach(BulkRun::stop);
        runner.shutdown();
        runner.awaitTermination(10, TimeUnit.SECONDS);
    }
}
