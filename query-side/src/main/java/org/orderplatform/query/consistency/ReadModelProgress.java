package org.orderplatform.query.consistency;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.axonframework.eventhandling.Segment;
import org.orderplatform.eventstore.deadletter.DeadLetterEntries;
import org.orderplatform.eventstore.positions.EventPositions;
import org.orderplatform.eventstore.positions.ProcessorTokens;
import org.orderplatform.eventstore.positions.ProcessorTokens.SegmentToken;
import org.orderplatform.eventstore.positions.TokenPositions;
import org.orderplatform.query.projection.ReadModel;
import org.springframework.stereotype.Component;

/** Whether a read model has a write yet, judged from its processor's tokens in the database. */
@Component
class ReadModelProgress {

    private final ProcessorTokens tokens;
    private final EventPositions positions;
    private final DeadLetterEntries deadLetters;

    ReadModelProgress(ProcessorTokens tokens, EventPositions positions, DeadLetterEntries deadLetters) {
        this.tokens = tokens;
        this.positions = positions;
        this.deadLetters = deadLetters;
    }

    /**
     * Whether a read model has the write at {@code globalIndex}: its processor has handled the
     * last event of that order up to there that it has a handler for. Only the segment that
     * handles the order matters (Axon assigns events to segments by aggregate, as computed here);
     * the others skip it and may record that late. A parked order never has it.
     */
    Progress of(ReadModel model, long globalIndex) {
        String processor = model.processingGroup();
        List<SegmentToken> segments = tokens.of(processor);
        if (segments.isEmpty()) {
            return Progress.PENDING;
        }
        Optional<String> aggregate = positions.aggregateAt(globalIndex);
        if (aggregate.isEmpty()) {
            // not (yet) an event of this store: only "everything up to there" can answer
            return segments.stream().allMatch(segment -> TokenPositions.hasPassed(segment.token(), globalIndex))
                    ? Progress.HANDLED
                    : Progress.PENDING;
        }
        String orderId = aggregate.get();
        OptionalLong relevant = positions.lastOf(orderId, globalIndex, model.handledEvents());
        if (relevant.isEmpty()) {
            return Progress.HANDLED; // nothing this read model shows changed
        }
        if (parked(model, orderId)) {
            return Progress.PARKED;
        }
        long target = relevant.getAsLong();
        Segment[] split = Segment.computeSegments(
                segments.stream().mapToInt(SegmentToken::segment).toArray());
        return segments.stream()
                        .filter(segment -> owner(split, segment.segment()).matches(orderId))
                        .allMatch(segment -> TokenPositions.hasPassed(segment.token(), target))
                ? Progress.HANDLED
                : Progress.PENDING;
    }

    /** Whether the read model's processor has parked events of this order in its dead-letter queue. */
    boolean parked(ReadModel model, String orderId) {
        return deadLetters.isParked(model.processingGroup(), orderId);
    }

    /** How far a read model is with one write. */
    enum Progress {
        HANDLED,
        PENDING,
        /** The order's events are in the dead-letter queue: the read model will not have it until a retry. */
        PARKED
    }

    private static Segment owner(Segment[] split, int segmentId) {
        for (Segment segment : split) {
            if (segment.getSegmentId() == segmentId) {
                return segment;
            }
        }
        throw new IllegalStateException("No segment " + segmentId);
    }
}
