package org.orderplatform.query.consistency;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.MergedTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;

/** Whether a segment's tracking token is past one event of the store. */
final class TokenPositions {

    private TokenPositions() {}

    /**
     * True when the event at {@code globalIndex} is behind the token: at or before its position
     * and not one of the gaps it is still waiting for. Only this event matters, not whether older
     * gaps (rolled-back transactions) have closed.
     */
    static boolean hasPassed(TrackingToken token, long globalIndex) {
        if (token == null) {
            return false;
        }
        if (token instanceof GapAwareTrackingToken gapAware) {
            return gapAware.getIndex() >= globalIndex && !gapAware.getGaps().contains(globalIndex);
        }
        if (token instanceof ReplayToken replay) {
            return hasPassed(replay.getCurrentToken(), globalIndex);
        }
        if (token instanceof MergedTrackingToken merged) {
            return hasPassed(merged.lowerSegmentToken(), globalIndex)
                    && hasPassed(merged.upperSegmentToken(), globalIndex);
        }
        return token.position().orElse(-1) >= globalIndex;
    }
}
