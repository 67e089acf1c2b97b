package org.orderplatform.query.admin;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.orderplatform.eventstore.positions.ProcessorTokens;
import org.orderplatform.eventstore.positions.TokenPositions;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Samples each processor's position once a second and turns the last ten seconds into a rate.
 * Positions are global indexes, so the rate counts events of the store passed per second.
 */
@Component
class ThroughputSampler {

    private static final int WINDOW = 10;

    private final ProcessorTokens tokens;
    private final Map<String, Deque<Sample>> samples = new ConcurrentHashMap<>();

    ThroughputSampler(ProcessorTokens tokens) {
        this.tokens = tokens;
    }

    /** Starts (or keeps) sampling this processor. */
    void watch(String processorName) {
        samples.computeIfAbsent(processorName, name -> new ArrayDeque<>());
    }

    @Scheduled(fixedRate = 1000)
    void sample() {
        long now = System.nanoTime();
        samples.forEach((name, window) -> {
            long position = TokenPositions.position(tokens.of(name));
            synchronized (window) {
                window.addLast(new Sample(now, position));
                while (window.size() > WINDOW) {
                    window.removeFirst();
                }
            }
        });
    }

    /** Events per second over the window; 0 until two samples exist or after a reset went backwards. */
    double eventsPerSecond(String processorName) {
        Deque<Sample> window = samples.get(processorName);
        if (window == null) {
            return 0;
        }
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

    private record Sample(long nanos, long position) {}
}
