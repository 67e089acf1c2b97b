package org.orderplatform.eventstore.positions;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Positions (global indexes) of events in the store. */
@Component
public class EventPositions {

    private final JdbcTemplate jdbc;
    private final EventSchema schema;

    EventPositions(JdbcTemplate jdbc, EventSchema schema) {
        this.jdbc = jdbc;
        this.schema = schema;
    }

    /** The global index of the newest event (0 for an empty store). */
    public long head() {
        return jdbc.queryForObject(
                "SELECT coalesce(max(" + schema.globalIndexColumn() + "), 0) FROM " + schema.domainEventTable(),
                Long.class);
    }

    /**
     * The position of an aggregate's last event; read in the caller's transaction, it finds events
     * that transaction appended before they are committed (without a query when this transaction
     * appended them: the append remembered their positions). Otherwise walks the (aggregate,
     * sequence) unique index backwards: one row.
     */
    public OptionalLong lastOf(String aggregateId) {
        OptionalLong appended = AppendedPositions.lastAppended(aggregateId);
        if (appended.isPresent()) {
            return appended;
        }
        List<Long> last = jdbc.queryForList(
                "SELECT " + schema.globalIndexColumn() + " FROM " + schema.domainEventTable() + " WHERE "
                        + schema.aggregateIdentifierColumn() + " = ? ORDER BY " + schema.sequenceNumberColumn()
                        + " DESC LIMIT 1",
                Long.class,
                aggregateId);
        return last.isEmpty() ? OptionalLong.empty() : OptionalLong.of(last.get(0));
    }

    /**
     * The position of the aggregate's last event at or before {@code upTo} whose payload is one of
     * {@code payloadTypes}; empty when there is none.
     */
    public OptionalLong lastOf(String aggregateId, long upTo, Collection<Class<?>> payloadTypes) {
        if (payloadTypes.isEmpty()) {
            return OptionalLong.empty();
        }
        Object[] args = new Object[2 + payloadTypes.size()];
        args[0] = aggregateId;
        args[1] = upTo;
        int i = 2;
        for (Class<?> type : payloadTypes) {
            args[i++] = type.getName();
        }
        List<Long> last = jdbc.queryForList(
                "SELECT " + schema.globalIndexColumn() + " FROM " + schema.domainEventTable() + " WHERE "
                        + schema.aggregateIdentifierColumn() + " = ? AND " + schema.globalIndexColumn() + " <= ? AND "
                        + schema.payloadTypeColumn() + " IN ("
                        + String.join(", ", Collections.nCopies(payloadTypes.size(), "?"))
                        + ") ORDER BY " + schema.sequenceNumberColumn() + " DESC LIMIT 1",
                Long.class,
                args);
        return last.isEmpty() ? OptionalLong.empty() : OptionalLong.of(last.get(0));
    }

    /** The aggregate whose event is at {@code globalIndex}; empty when no event is there (yet). */
    public Optional<String> aggregateAt(long globalIndex) {
        return jdbc
                .queryForList(
                        "SELECT " + schema.aggregateIdentifierColumn() + " FROM " + schema.domainEventTable()
                                + " WHERE " + schema.globalIndexColumn() + " = ?",
                        String.class,
                        globalIndex)
                .stream()
                .findFirst();
    }
}
