package org.orderplatform.query.admin;

import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.messaging.StreamableMessageSource;
import org.orderplatform.eventstore.positions.ProcessorTokens;
import org.orderplatform.eventstore.positions.TokenPositions;
import org.orderplatform.query.projection.ReadModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Replays a projection in place: stop it, reset its tokens to the start of the event store (its
 * {@code @ResetHandler} empties the read model), start it again. Queries see the read model
 * refill; for no gap at all, rebuild instead.
 */
@Service
class ReplayService {

    private static final Logger log = LoggerFactory.getLogger(ReplayService.class);

    private final ProjectionProcessors processors;
    private final ProcessorTokens tokens;
    private final RebuildService rebuilds;

    ReplayService(ProjectionProcessors processors, ProcessorTokens tokens, RebuildService rebuilds) {
        this.processors = processors;
        this.tokens = tokens;
        this.rebuilds = rebuilds;
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
            try {
                // from the first event, whatever the processor's initial position is for new tokens
                processor.resetTokens(StreamableMessageSource::createTailToken);
                log.info("Replaying projection {}", model.processingGroup());
            } finally {
                processor.start();
            }
        }
    }

    /** Replaying while any segment, on whichever node, is still short of the position it was reset at. */
    boolean isReplaying(ReadModel model) {
        return TokenPositions.replayTarget(tokens.of(model.processingGroup())).isPresent();
    }
}
