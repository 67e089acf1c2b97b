package org.orderplatform.eventstore.positions;

import java.time.Instant;
import java.util.List;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Processors' tokens in {@code token_entry}, read and moved without claiming them. The table is
 * the truth for every node: the segments may be processed anywhere in the cluster.
 */
@Component
public class ProcessorTokens {

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final TokenSchema schema;

    ProcessorTokens(JdbcTemplate jdbc, Serializer serializer, TokenSchema schema) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.schema = schema;
    }

    /** Every segment of the processor, by segment id; empty before it ever ran. */
    public List<SegmentToken> of(String processorName) {
        return jdbc.query(
                "SELECT " + schema.segmentColumn() + ", " + schema.tokenColumn() + ", " + schema.tokenTypeColumn()
                        + ", " + schema.ownerColumn() + " FROM " + schema.tokenTable() + " WHERE "
                        + schema.processorNameColumn() + " = ? ORDER BY " + schema.segmentColumn(),
                (rs, row) ->
                        new SegmentToken(rs.getInt(1), deserialize(rs.getBytes(2), rs.getString(3)), rs.getString(4)),
                processorName);
    }

    /** The segments of the processor that some node claims, locked until the caller's transaction ends. */
    public List<String> lockOwners(String processorName) {
        return jdbc.queryForList(
                "SELECT " + schema.ownerColumn() + " FROM " + schema.tokenTable() + " WHERE "
                        + schema.processorNameColumn() + " = ? AND " + schema.ownerColumn() + " IS NOT NULL FOR UPDATE",
                String.class,
                processorName);
    }

    /** Forgets the processor's tokens: it starts from its initial position next time. */
    public void delete(String processorName) {
        jdbc.update(
                "DELETE FROM " + schema.tokenTable() + " WHERE " + schema.processorNameColumn() + " = ?",
                processorName);
    }

    /**
     * Frees every segment of the processor from its claims, tokens kept: for a processor whose
     * claimants are known to be gone (the rebuild processor of a node that died mid-rebuild, whose
     * claims no one would ever release).
     */
    public void releaseClaims(String processorName) {
        jdbc.update(
                "UPDATE " + schema.tokenTable() + " SET " + schema.ownerColumn() + " = NULL WHERE "
                        + schema.processorNameColumn() + " = ?",
                processorName);
    }

    /**
     * Gives {@code to} the segments and tokens of {@code from}, unclaimed, and forgets {@code from}'s.
     * In the caller's transaction.
     */
    public void handOver(String from, String to) {
        delete(to);
        jdbc.update(
                "INSERT INTO " + schema.tokenTable() + " (" + schema.processorNameColumn() + ", "
                        + schema.segmentColumn() + ", " + schema.tokenColumn() + ", " + schema.tokenTypeColumn()
                        + ", " + schema.timestampColumn() + ", " + schema.ownerColumn() + ") SELECT ?, "
                        + schema.segmentColumn() + ", " + schema.tokenColumn() + ", " + schema.tokenTypeColumn()
                        + ", " + schema.timestampColumn() + ", NULL FROM " + schema.tokenTable() + " WHERE "
                        + schema.processorNameColumn() + " = ?",
                to,
                from);
        delete(from);
    }

    /**
     * Sets every segment of the processor to {@code token}, unclaimed: the processor goes on from
     * there. A processor that never ran gets {@code segments} segments, split as Axon splits them.
     * In the caller's transaction.
     */
    public void setAll(String processorName, int segments, TrackingToken token) {
        var serialized = serializer.serialize(token, byte[].class);
        String now = Instant.now().toString();
        int updated = jdbc.update(
                "UPDATE " + schema.tokenTable() + " SET " + schema.tokenColumn() + " = ?, "
                        + schema.tokenTypeColumn() + " = ?, " + schema.timestampColumn() + " = ?, "
                        + schema.ownerColumn() + " = NULL WHERE " + schema.processorNameColumn() + " = ?",
                serialized.getData(),
                serialized.getType().getName(),
                now,
                processorName);
        if (updated > 0) {
            return;
        }
        for (Segment segment : Segment.splitBalanced(Segment.ROOT_SEGMENT, segments - 1)) {
            jdbc.update(
                    "INSERT INTO " + schema.tokenTable() + " (" + schema.processorNameColumn() + ", "
                            + schema.segmentColumn() + ", " + schema.tokenColumn() + ", " + schema.tokenTypeColumn()
                            + ", " + schema.timestampColumn() + ", " + schema.ownerColumn()
                            + ") VALUES (?, ?, ?, ?, ?, NULL)",
                    processorName,
                    segment.getSegmentId(),
                    serialized.getData(),
                    serialized.getType().getName(),
                    now);
        }
    }

    private TrackingToken deserialize(byte[] token, String type) {
        if (token == null || type == null) {
            return null;
        }
        return serializer.deserialize(
                new SimpleSerializedObject<>(token, byte[].class, new SimpleSerializedType(type, null)));
    }

    /** One segment: its token (null before it processed anything) and the node that claims it. */
    public record SegmentToken(int segment, TrackingToken token, String owner) {}
}
