package org.orderplatform.query.admin;

import java.lang.management.ManagementFactory;
import java.util.List;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.orderplatform.eventstore.positions.ProcessorTokens;
import org.orderplatform.eventstore.processing.ProcessingProperties;
import org.orderplatform.eventstore.processing.StreamProcessor;
import org.orderplatform.query.QueryProblem;
import org.orderplatform.query.projection.ReadModel;
import org.orderplatform.web.problem.ProblemException;
import org.springframework.stereotype.Component;

/** The live processor of each read model, and the checks before stopping one. */
@Component
class ProjectionProcessors {

    /** How Axon's token store names this node in {@code token_entry.owner} (its default). */
    static final String NODE_ID = ManagementFactory.getRuntimeMXBean().getName();

    private final EventProcessingConfiguration processing;
    private final ProcessorTokens tokens;
    private final List<StreamProcessor> declared;
    private final ProcessingProperties tuning;

    ProjectionProcessors(
            EventProcessingConfiguration processing,
            ProcessorTokens tokens,
            List<StreamProcessor> declared,
            ProcessingProperties tuning) {
        this.processing = processing;
        this.tokens = tokens;
        this.declared = declared;
        this.tuning = tuning;
    }

    /** How many segments the projection's processor has (as configured, before it ever ran). */
    int segments(ReadModel model) {
        int existing = tokens.of(model.processingGroup()).size();
        if (existing > 0) {
            return existing;
        }
        return declared.stream()
                .filter(processor -> processor.name().equals(model.processingGroup()))
                .findFirst()
                .map(processor -> processor.segments() != null
                        ? processor.segments()
                        : tuning.of(processor.kind()).segments())
                .orElse(1);
    }

    static ReadModel readModel(String name) {
        return ReadModel.named(name)
                .orElseThrow(
                        () -> new ProblemException(QueryProblem.PROJECTION_NOT_FOUND, "No projection named " + name));
    }

    StreamingEventProcessor live(ReadModel model) {
        return processing
                .eventProcessor(model.processingGroup(), StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("No processor for " + model.processingGroup()));
    }

    /** Refuses when a node other than this one holds a segment of the projection. */
    void requireNoOtherOwner(ReadModel model) {
        List<String> others = tokens.of(model.processingGroup()).stream()
                .map(ProcessorTokens.SegmentToken::owner)
                .filter(owner -> owner != null && !owner.equals(NODE_ID))
                .distinct()
                .toList();
        if (!others.isEmpty()) {
            throw busy(
                    model,
                    "other nodes hold its segments (" + String.join(", ", others)
                            + "); stop the projection there first");
        }
    }

    /**
     * Stops the live processor on this node, then makes sure no other node still holds one of
     * its segments; if one does, restarts it and refuses.
     */
    StreamingEventProcessor stopEverywhereOrRefuse(ReadModel model) {
        requireNoOtherOwner(model);
        StreamingEventProcessor processor = live(model);
        processor.shutDown();
        try {
            requireNoOtherOwner(model);
        } catch (ProblemException e) {
            processor.start();
            throw e;
        }
        return processor;
    }

    static ProblemException busy(ReadModel model, String why) {
        return new ProblemException(QueryProblem.PROJECTION_BUSY, "Projection " + model.processingGroup() + ": " + why);
    }
}
