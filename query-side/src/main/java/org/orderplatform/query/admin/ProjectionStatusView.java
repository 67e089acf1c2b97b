package org.orderplatform.query.admin;

import io.swagger.v3.oas.annotations.media.Schema;
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
    public record Segment(
            int segment, @Schema(nullable = true) String owner, long position) {}

    /**
     * Progress towards {@code target}; {@code etaSeconds} null while the rate is unknown. Null
     * where nothing is in progress.
     */
    @Schema(nullable = true)
    public record Progress(
            long target,
            double percent,
            @Schema(nullable = true) Long etaSeconds) {}

    /**
     * The projection's last rebuild, on whichever node it ran (null if there was none):
     * {@code interrupted} when that node stopped (died, was killed) while it ran.
     */
    @Schema(nullable = true)
    public record RebuildView(
            @Schema(allowableValues = {"building", "switching", "done", "failed", "interrupted"})
            String state,

            String targetSlot,
            Instant startedAt,
            @Schema(nullable = true) Instant finishedAt,
            Progress progress,
            @Schema(nullable = true) String error) {}
}
