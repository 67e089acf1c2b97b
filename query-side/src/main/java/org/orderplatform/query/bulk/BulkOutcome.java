package org.orderplatform.query.bulk;

import org.axonframework.eventhandling.TrackingToken;

/**
 * How a bulk run ended, and the token of the last chunk it committed (where a processor goes on).
 *
 * @param token the processor's token after the last committed chunk (unwrapped: no replay token)
 * @param cause why it stopped early; null when it completed
 */
public record BulkOutcome(Ending ending, TrackingToken token, long events, Exception cause) {

    public enum Ending {
        /** Read everything available: the processor goes on from the head. */
        COMPLETED,
        /** A chunk failed (poison event, irregular history, database error): the processor does the rest. */
        HANDED_OVER,
        /** Another node claimed a segment of the processor: nothing more was written. */
        REFUSED,
        /** The first transaction failed: the tokens and the read model are as they were. */
        NOT_STARTED,
        /** Asked to stop (shutdown): the tokens say where it stood. */
        STOPPED
    }

    public boolean completed() {
        return ending == Ending.COMPLETED;
    }
}
