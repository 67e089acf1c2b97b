package org.orderplatform.eventstore.deadletter;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Processors' dead letters ({@code dead_letter_entry}) as rows: counted, listed and moved without
 * deserializing them. Retrying them is Axon's business (its dead-letter processor).
 */
@Component
public class DeadLetterEntries {

    private final JdbcTemplate jdbc;
    private final DeadLetterSchema schema;

    DeadLetterEntries(JdbcTemplate jdbc, DeadLetterSchema schema) {
        this.jdbc = jdbc;
        this.schema = schema;
    }

    public long count(String processingGroup) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM " + schema.deadLetterTable() + " WHERE " + schema.processingGroupColumn()
                        + " = ?",
                Long.class,
                processingGroup);
    }

    /** Whether events of this sequence (an aggregate, by default) are parked. */
    public boolean isParked(String processingGroup, String sequenceIdentifier) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM " + schema.deadLetterTable() + " WHERE " + schema.processingGroupColumn()
                        + " = ? AND " + schema.sequenceIdentifierColumn() + " = ?)",
                Boolean.class,
                processingGroup,
                sequenceIdentifier));
    }

    /**
     * Up to {@code limit} letters, oldest first, after the letter ({@code enqueuedAt}, {@code id})
     * when {@code after} is given (keyset order).
     */
    public List<DeadLetterEntry> page(String processingGroup, After after, int limit) {
        List<Object> args = new ArrayList<>(List.of(processingGroup));
        String keyset = "";
        if (after != null) {
            keyset = " AND (" + schema.enqueuedAtColumn() + ", " + schema.deadLetterIdentifierColumn() + ") > (?, ?)";
            args.add(after.enqueuedAt());
            args.add(after.id());
        }
        args.add(limit);
        return jdbc.query(
                "SELECT "
                        + String.join(
                                ", ",
                                schema.deadLetterIdentifierColumn(),
                                schema.sequenceIdentifierColumn(),
                                schema.sequenceIndexColumn(),
                                schema.eventIdentifierColumn(),
                                schema.payloadTypeColumn(),
                                schema.aggregateIdentifierColumn(),
                                schema.sequenceNumberColumn(),
                                schema.causeTypeColumn(),
                                schema.causeMessageColumn(),
                                schema.enqueuedAtColumn(),
                                schema.lastTouchedColumn())
                        + " FROM " + schema.deadLetterTable() + " WHERE " + schema.processingGroupColumn() + " = ?"
                        + keyset + " ORDER BY " + schema.enqueuedAtColumn() + ", " + schema.deadLetterIdentifierColumn()
                        + " LIMIT ?",
                (rs, row) -> new DeadLetterEntry(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getLong(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        (Long) rs.getObject(7),
                        rs.getString(8),
                        rs.getString(9),
                        rs.getString(10),
                        rs.getString(11)),
                args.toArray());
    }

    /** Forgets every dead letter of the processing group. In the caller's transaction. */
    public void deleteAll(String processingGroup) {
        jdbc.update(
                "DELETE FROM " + schema.deadLetterTable() + " WHERE " + schema.processingGroupColumn() + " = ?",
                processingGroup);
    }

    /** Moves every dead letter of {@code from} to {@code to}. In the caller's transaction. */
    public void moveAll(String from, String to) {
        jdbc.update(
                "UPDATE " + schema.deadLetterTable() + " SET " + schema.processingGroupColumn() + " = ? WHERE "
                        + schema.processingGroupColumn() + " = ?",
                to,
                from);
    }

    /** The position of a letter in the keyset order. */
    public record After(String enqueuedAt, String id) {}
}
