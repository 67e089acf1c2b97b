package org.orderplatform.query.consistency;

import java.util.List;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.orderplatform.query.projection.ReadModel;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads a processor's tokens from {@code token_entry} without claiming them. The table is the
 * truth for every node: the segments may be processed anywhere in the cluster.
 */
@Component
public class ProcessorTokens {

    private final JdbcTemplate jdbc;
    private final Serializer serializer;

    ProcessorTokens(JdbcTemplate jdbc, Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    public List<SegmentToken> of(String processorName) {
        return jdbc.query(
                "SELECT segment, token, token_type, owner FROM token_entry WHERE processor_name = ? ORDER BY segment",
                (rs, row) ->
                        new SegmentToken(rs.getInt(1), deserialize(rs.getBytes(2), rs.getString(3)), rs.getString(4)),
                processorName);
    }

    /**
     * Whether a read model has the write at {@code globalIndex}: its processor has handled the
     * last event of that order up to there that it has a handler for. Only the segment that
     * handles the order matters (Axon assigns events to segments by aggregate, as computed here);
     * the others skip it and may record that late. A parked order never has it.
     */
    public Progress progressOf(ReadModel model, long globalIndex) {
        String processor = model.processingGroup();
        List<SegmentToken> segments = of(processor);
        if (segments.isEmpty()) {
            return Progress.PENDING;
        }
        List<String> aggregate = jdbc.queryForList(
                "SELECT aggregate_identifier FROM domain_event_entry WHERE global_index = ?",
                String.class,
                globalIndex);
        if (aggregate.isEmpty()) {
            // not (yet) an event of this store: only "everything up to there" can answer
            return segments.stream().allMatch(segment -> TokenPositions.hasPassed(segment.token(), globalIndex))
                    ? Progress.HANDLED
                    : Progress.PENDING;
        }
        String orderId = aggregate.get(0);
        List<Long> relevant = jdbc.queryForList(
                "SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = ? AND global_index <= ?"
                        + " AND payload_type IN ("
                        + placeholders(model.handledEvents().size()) + ")"
                        + " ORDER BY sequence_number DESC LIMIT 1",
                Long.class,
                arguments(orderId, globalIndex, model));
        if (relevant.isEmpty()) {
            return Progress.HANDLED; // nothing this read model shows changed
        }
        if (Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM dead_letter_entry WHERE processing_group = ? AND sequence_identifier = ?)",
                Boolean.class,
                processor,
                orderId))) {
            return Progress.PARKED;
        }
        long target = relevant.get(0);
        Segment[] split = Segment.computeSegments(
                segments.stream().mapToInt(SegmentToken::segment).toArray());
        return segments.stream()
                        .filter(segment -> owner(split, segment.segment()).matches(orderId))
                        .allMatch(segment -> TokenPositions.hasPassed(segment.token(), target))
                ? Progress.HANDLED
                : Progress.PENDING;
    }

    private static String placeholders(int count) {
        return String.join(", ", java.util.Collections.nCopies(count, "?"));
    }

    private static Object[] arguments(String orderId, long globalIndex, ReadModel model) {
        Object[] args = new Object[2 + model.handledEvents().size()];
        args[0] = orderId;
        args[1] = globalIndex;
        for (int i = 0; i < model.handledEvents().size(); i++) {
            args[2 + i] = model.handledEvents().get(i).getName();
        }
        return args;
    }

    /** How far a read model is with one write. */
    public enum Progress {
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

    private TrackingToken deserialize(byte[] token, String type) {
        if (token == null || type == null) {
            return null;
        }
        return serializer.deserialize(new SimpleSerializedObject<>(token, byte[].class, type, null));
    }

    /** One segment: its token (null before it processed anything) and the node that claims it. */
    public record SegmentToken(int segment, TrackingToken token, String owner) {}
}
