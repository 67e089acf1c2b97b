package org.orderplatform.query.consistency;

import java.util.List;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
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
     * True when the processor has handled the event at {@code globalIndex}. Only the segment that
     * handles the event's aggregate matters: the others skip it and may record that late. Events
     * are assigned to segments by aggregate (Axon's default sequencing policy), as Axon does it.
     */
    public boolean hasHandled(String processorName, long globalIndex) {
        List<SegmentToken> segments = of(processorName);
        if (segments.isEmpty()) {
            return false;
        }
        List<String> aggregate = jdbc.queryForList(
                "SELECT aggregate_identifier FROM domain_event_entry WHERE global_index = ?",
                String.class,
                globalIndex);
        if (aggregate.isEmpty()) {
            // not (yet) an event of this store: only "everything up to there" can answer
            return segments.stream().allMatch(segment -> TokenPositions.hasPassed(segment.token(), globalIndex));
        }
        Segment[] split = Segment.computeSegments(
                segments.stream().mapToInt(SegmentToken::segment).toArray());
        return segments.stream()
                .filter(segment -> owner(split, segment.segment()).matches(aggregate.get(0)))
                .allMatch(segment -> TokenPositions.hasPassed(segment.token(), globalIndex));
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
