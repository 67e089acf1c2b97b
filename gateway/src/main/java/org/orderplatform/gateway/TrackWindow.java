package org.orderplatform.gateway;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One track's recent answers: how many, how many failed (5xx, a node that failed mid-request, a
 * timeout), and their 99th-percentile latency, over a sliding time window.
 */
final class TrackWindow {

    private final Duration window;
    private final Deque<Sample> samples = new ArrayDeque<>();

    TrackWindow(Duration window) {
        this.window = window;
    }

    synchronized void record(long atNanos, boolean failed, long latencyNanos) {
        samples.addLast(new Sample(atNanos, failed, latencyNanos));
        expire(atNanos);
    }

    synchronized Stats stats(long nowNanos) {
        expire(nowNanos);
        int failures = 0;
        long[] latencies = new long[samples.size()];
        int i = 0;
        for (Sample sample : samples) {
            if (sample.failed) {
                failures++;
            }
            latencies[i++] = sample.latencyNanos;
        }
        java.util.Arrays.sort(latencies);
        long p99 = latencies.length == 0 ? 0 : latencies[(int) Math.ceil(latencies.length * 0.99) - 1];
        return new Stats(samples.size(), failures, Duration.ofNanos(p99));
    }

    synchronized void clear() {
        samples.clear();
    }

    private void expire(long nowNanos) {
        long oldest = nowNanos - window.toNanos();
        while (!samples.isEmpty() && samples.peekFirst().atNanos < oldest) {
            samples.removeFirst();
        }
    }

    record Sample(long atNanos, boolean failed, long latencyNanos) {}

    /** A track's answers in the window. */
    record Stats(int requests, int failures, Duration p99) {
        double errorRate() {
            return requests == 0 ? 0 : (double) failures / requests;
        }
    }
}
