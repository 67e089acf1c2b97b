package org.orderplatform.query.projection;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.orderplatform.query.slot.Slot;

/**
 * A read model's projection for a whole chunk of events at once, for replays and rebuilds. It
 * must leave exactly the rows the live {@code @EventHandler}s leave after handling the same events
 * one by one, in the same order; it only gets there with fewer statements (folding each order's
 * events in memory, {@code COPY} for new rows, one set-based statement per kind of change).
 *
 * <p>When a chunk holds something the fold cannot reproduce exactly (see
 * {@link IrregularHistoryException}), or a statement fails, the projector throws: the caller rolls
 * the chunk back and lets the live handlers do it instead.
 */
public interface BulkProjector {

    ReadModel readModel();

    /** Writes the chunk's effect into {@code slot}, in the caller's transaction on {@code connection}. */
    void project(List<ProjectedEvent> events, Slot slot, Connection connection) throws SQLException;
}
