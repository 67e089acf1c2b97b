package org.orderplatform.it;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** What the event store holds, read directly: the proof a test wants, not what the API shows. */
final class StoredEvents {

    private StoredEvents() {}

    /** The aggregate's event types (simple names), in order. */
    static List<String> typesOf(JdbcTemplate jdbc, String aggregateId) {
        return jdbc
                .queryForList(
                        "SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ? "
                                + "ORDER BY sequence_number",
                        String.class,
                        aggregateId)
                .stream()
                .map(type -> type.substring(type.lastIndexOf('.') + 1))
                .toList();
    }
}
