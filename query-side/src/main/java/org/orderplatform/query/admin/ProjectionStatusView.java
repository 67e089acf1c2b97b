package org.orderplatform.query.admin;

import java.time.Instant;
import java.util.List;

/**
 * A projection's processor: where it is, how far behind, who holds its segments, and, during a
 * replay or rebuild, how far along and how long still to go.
 */
public record ProjectionStatusView(
        String name,
        String state,
        boolean replaying,
        String activeSlot,
        long position,
        long head,
        long lag,
        double eventsPerSecond,
        List<Segment> segments,
        Progress replay,
        RebuildView rebuild,
        long deadLetters) {

    /** One segment: the node that claims it (null: nobody right now) and its position. */
    public record Segment(int segment, String owner, long position) {}

    /** Progress towards {@code target}; {@code etaSeconds} null while the rate is unknown. */
    public record Progress(long target, double percent, Long etaSeconds) {}

    public record RebuildView(
            String state, String targetSlot, Instant startedAt, Instant finishedAt, Progress progress, String error) {}
}
