package org.orderplatform.eventstore.positions;

import java.util.List;
import java.util.Objects;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Holds off every node's claims on a processor's segments for one transaction, for work that moves
 * the processor's tokens itself (a bulk replay). {@link ProcessorTokens#lockOwners} locks only the
 * rows already claimed: a node could claim a free segment right after that check, and
 * {@link ProcessorTokens#setAll} (which leaves every segment unclaimed) would then undo its claim
 * without anyone refusing. Locking every row makes a claim wait until the transaction ends, so the
 * next transaction's check sees it.
 */
@Component
public class ProcessorClaims {

    private final JdbcTemplate jdbc;
    private final TokenSchema schema;

    ProcessorClaims(JdbcTemplate jdbc, TokenSchema schema) {
        this.jdbc = jdbc;
        this.schema = schema;
    }

    /**
     * Locks every segment row of the processor until the caller's transaction ends and answers the
     * nodes that claim one (empty: none does, and none can until the transaction ends).
     */
    public List<String> lockAll(String processorName) {
        return jdbc
                .queryForList(
                        "SELECT " + schema.ownerColumn() + " FROM " + schema.tokenTable() + " WHERE "
                                + schema.processorNameColumn() + " = ? ORDER BY " + schema.segmentColumn()
                                + " FOR UPDATE",
                        String.class,
                        processorName)
                .stream()
                .filter(Objects::nonNull)
                .toList();
    }
}
