package org.orderplatform.webhooks.delivery;

import java.time.Duration;

/**
 * How far ahead to claim: about a second's worth of attempts, judged by how long attempts took
 * lately (a moving average), at least twice and at most {@value #MOST} times the number that run
 * at once. A claim is a database round trip; against a fast receiver a shallow claim-ahead leaves
 * the workers waiting for the next claim, against a slow one a deep claim-ahead would keep
 * deliveries waiting here past their lease.
 */
final class ClaimDepth {

    static final int LEAST = 2;
    static final int MOST = 16;
    private static final long AHEAD_NANOS = Duration.ofSeconds(1).toNanos();
    /** Weight of the newest attempt in the average. */
    private static final double WEIGHT = 0.05;

    private volatile double averageNanos = -1;

    /** An attempt (or a hold) took this long. */
    void took(long nanos) {
        double average = averageNanos;
        averageNanos = average < 0 ? nanos : average + WEIGHT * (nanos - average);
    }

    /** How many times {@code concurrency} to have claimed: the least until attempts were timed. */
    int times() {
        double average = averageNanos;
        if (average < 0) {
            return LEAST;
        }
        long ahead = Math.round(AHEAD_NANOS / Math.max(average, 1));
        return (int) Math.max(LEAST, Math.min(MOST, ahead));
    }
}
