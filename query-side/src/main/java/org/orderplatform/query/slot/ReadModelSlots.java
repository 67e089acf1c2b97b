package org.orderplatform.query.slot;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Which slot of each read model is active ({@code read_model_slot}). Looked up at most once per
 * {@code orders.projections.slot-cache-ttl} per read model: after a switch, other nodes' queries
 * follow within that time, and until then they read the previous slot, which stays complete.
 */
@Component
public class ReadModelSlots {

    private final JdbcTemplate jdbc;
    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    @Autowired
    ReadModelSlots(JdbcTemplate jdbc, @Value("${orders.projections.slot-cache-ttl:1s}") Duration ttl) {
        this(jdbc, ttl, Clock.systemUTC());
    }

    ReadModelSlots(JdbcTemplate jdbc, Duration ttl, Clock clock) {
        this.jdbc = jdbc;
        this.ttl = ttl;
        this.clock = clock;
    }

    public Slot active(String readModel) {
        Instant now = clock.instant();
        Cached cached = cache.get(readModel);
        if (cached != null && cached.loadedAt().plus(ttl).isAfter(now)) {
            return cached.slot();
        }
        Slot slot = Slot.of(jdbc.queryForObject(
                "SELECT active_slot FROM read_model_slot WHERE read_model = ?", String.class, readModel));
        cache.put(readModel, new Cached(slot, now));
        return slot;
    }

    /** Makes {@code slot} the active one, in the caller's transaction. */
    public void activate(String readModel, Slot slot) {
        jdbc.update(
                "UPDATE read_model_slot SET active_slot = ?, switched_at = now() WHERE read_model = ?",
                slot.code(),
                readModel);
        cache.remove(readModel);
    }

    /** Forgets what this node knows, so the next lookup reads the table. */
    public void forget(String readModel) {
        cache.remove(readModel);
    }

    private record Cached(Slot slot, Instant loadedAt) {}
}
