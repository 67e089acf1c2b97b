package org.orderplatform.query.admin;

import java.util.List;
import java.util.OptionalLong;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.orderplatform.query.consistency.ProcessorTokens.SegmentToken;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Positions in the event store: its head, and how far a processor's segments have come. */
@Component
class EventPositions {

    private final JdbcTemplate jdbc;

    EventPositions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The global index of the newest event (0 for an empty store). */
    long head() {
        return jdbc.queryForObject("SELECT coalesce(max(global_index), 0) FROM domain_event_entry", Long.class);
    }

    /** The slowest segment's position: everything before it is handled by all segments. */
    static long position(List<SegmentToken> segments) {
        return segments.stream()
                .mapToLong(segment -> position(segment.token()))
                .min()
                .orElse(0);
    }

    static long position(TrackingToken token) {
        if (token == null) {
            return 0;
        }
        OptionalLong position = token.position();
        return position.orElse(0);
    }

    /**
     * Where a replay is heading (the position when it was reset), while some segment is still
     * short of it. Axon keeps the replay token until an event newer than the reset arrives, so
     * a replay token alone does not mean the replay is running.
     */
    static OptionalLong replayTarget(List<SegmentToken> segments) {
        return segments.stream()
                .filter(segment -> segment.token() instanceof ReplayToken replay
                        && position(replay.getCurrentToken()) < position(replay.getTokenAtReset()))
                .mapToLong(segment -> position(((ReplayToken) segment.token()).getTokenAtReset()))
                .max();
    }
}
