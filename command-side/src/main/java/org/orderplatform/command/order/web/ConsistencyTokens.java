package org.orderplatform.command.order.web;

import org.orderplatform.eventstore.positions.EventPositions;
import org.springframework.stereotype.Component;

/**
 * The consistency token of a write: the global position of the order's last event. A query that
 * sends it back ({@code X-Consistency-Token}) sees this write. Read in the command's own
 * transaction, so it finds the event even before the commit.
 */
@Component
class ConsistencyTokens {

    static final String HEADER = "X-Consistency-Token";

    private final EventPositions positions;

    ConsistencyTokens(EventPositions positions) {
        this.positions = positions;
    }

    long after(String orderId) {
        return positions
                .lastOf(orderId)
                .orElseThrow(() -> new IllegalStateException("Order " + orderId + " has no events"));
    }
}
