package org.orderplatform.query.admin;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Samples each watched position once a second and turns the last ten seconds into a rate.
 * Positions are global indexes, so the rate counts events of the store passed per second.
 *
 * <p>A replay or rebuild must show a rate, and an ETA from it, from its first second on: a
 * position that goes back (a replay resets it) starts the window afresh, so seconds before the
 * run do not water the rate down; and a bulk run is watched where it is, not through the tokens,
 * which stay put until it hands over.
 */
@Component
class ThroughputSampler {

    private static final Logger log = LoggerFactory.getLogger(ThroughputSampler.class);
    private static final int WINDOW = 10;

    private final LongSupplier nanoTime;
    private final Map<String, Watched> watched = new ConcurrentHashMap<>();

    @Autowired
    ThroughputSampler() {
        this(System::nanoTime);
    }

    ThroughputSampler(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** Starts sampling {@code position} under this name (a processor's tokens, or a bulk run's). */
    void watch(String name, LongSupplier position) {
        watched.compute(
                name, (key, before) -> new Watched(position, before == null ? new ArrayDeque<>() : before.window));
    }

    @Scheduled(fixedRate = 1000)
    void sample() {
        long now = nanoTime.getAsLong();
        watched.forEach((name, watch) -> {
            long position;
            try {
                position = watch.position.getAsLong();
            } catch (RuntimeException e) {
                // the database away: no sample this second; the others are still taken
                log.debug("No position for {}: {}", name, e.getMessage());
                return;
            }
            Deque<Sample> window = watch.window;
            synchronized (window) {
                if (!window.isEmpty() && position < window.peekLast().position()) {
                    window.clear();
                }
                window.addLast(new Sample(now, position));
                while (window.size() > WINDOW) {
                    window.removeFirst();
                }
            }
        });
    }

    /** Events per second over the window; 0 until two samples exist since the last reset. */
    double eventsPerSecond(String name) {
        Watched watch = watched.get(name);
        if (watch == null) {
            return 0;
        }
        Deque<Sample> window = watch.window;
        synchronized (window) {
            if (window.size() < 2) {
                return 0;
            }
            Sample first = window.peekFirst();
            Sample last = window.peekLast();
            double seconds = (last.nanos() - first.nanos()) / 1e9;
            long events = last.position() - first.position();
            return seconds <= 0 || events < 0 ? 0 : events / seconds;
        }
    }

    private record Watched(LongSupplier position, Deque<Sample> window) {}

    private record Sample(long nanos, long position) {}
}
