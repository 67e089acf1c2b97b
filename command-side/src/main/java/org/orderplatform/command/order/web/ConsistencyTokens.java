package org.orderplatform.command.order.web;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The consistency token of a write: the global position of the order's last event. A query that
 * sends it back ({@code X-Consistency-Token}) sees this write. Read in the command's own
 * transaction, so it finds the event even before the commit.
 */
@Component
class ConsistencyTokens {

    static final String HEADER = "X-Consistency-Token";

    private final JdbcTemplate jdbc;

    ConsistencyTokens(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    long after(String orderId) {
        // walks the (aggregate_identifier, sequence_number) unique index backwards: one row
        return jdbc.queryForObject(
                "SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = ?"
                        + " ORDER BY sequence_number DESC LIMIT 1",
                Long.class,
                orderId);
    }
}
