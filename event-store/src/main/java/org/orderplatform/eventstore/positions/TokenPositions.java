package org.orderplatform.eventstore.positions;

import java.util.List;
import java.util.OptionalLong;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.MergedTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.orderplatform.eventstore.positions.ProcessorTokens.SegmentToken;

/** What a tracking token says about positions in the store. */
public final class TokenPositions {

    private TokenPositions() {}

    /**
     * True when the event at {@code globalIndex} is behind the token: at or before its position
     * and not one of the gaps it is still waiting for. Only this event matters, not whether older
     * gaps (rolled-back transactions) have closed.
     */
    public static boolean hasPassed(TrackingToken token, long globalIndex) {
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

    /** The token's position; 0 before it handled anything. A replay's is where the replay is. */
    public static long position(TrackingToken token) {
        if (token == null) {
            return 0;
        }
        if (token instanceof ReplayToken replay) {
            return position(replay.getCurrentToken());
        }
        OptionalLong position = token.position();
        return position.orElse(0);
    }

    /** The slowest segment's position: everything before it is handled by all segments. */
    public static long position(List<SegmentToken> segments) {
        return segments.stream()
                .mapToLong(segment -> position(segment.token()))
                .min()
                .orElse(0);
    }

    /**
     * Where a replay is heading (the position when it was reset), while some segment is still
     * short of it. Axon keeps the replay token until an event newer than the reset arrives, so a
     * replay token alone does not mean the replay is running.
     */
    public static OptionalLong replayTarget(List<SegmentToken> segments) {
        return segments.stream()
                .filter(segment -> segment.token() instanceof ReplayToken replay
                        && position(replay.getCurrentToken()) < position(replay.getTokenAtReset()))
                .mapToLong(segment -> position(((ReplayToken) segment.token()).getTokenAtReset()))
                .max();
    }
}
