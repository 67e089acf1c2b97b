package org.orderplatform.webhooks.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * When a failed delivery is tried again: the schedule's wait for this step, moved randomly by up
 * to {@code jitter} either way so that retries of many deliveries spread out; or the receiver's
 * {@code Retry-After} (429/503), capped, when it gave one.
 */
final class RetryPolicy {

    private final List<Duration> schedule;
    private final double jitter;
    private final Duration maxRetryAfter;
    private final DoubleSupplier random;

    RetryPolicy(List<Duration> schedule, double jitter, Duration maxRetryAfter) {
        this(schedule, jitter, maxRetryAfter, () -> ThreadLocalRandom.current().nextDouble());
    }

    RetryPolicy(List<Duration> schedule, double jitter, Duration maxRetryAfter, DoubleSupplier random) {
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("jitter must be in [0, 1), was " + jitter);
        }
        this.schedule = List.copyOf(schedule);
        this.jitter = jitter;
        this.maxRetryAfter = maxRetryAfter;
        this.random = random;
    }

    /** Attempts in all: the first plus one per scheduled wait. */
    int maxAttempts() {
        return schedule.size() + 1;
    }

    /** The wait before the next attempt, or empty when {@code step} was the last (the delivery is dead). */
    Optional<Duration> next(int step, Duration retryAfter) {
        if (step >= schedule.size()) {
            return Optional.empty();
        }
        if (retryAfter != null) {
            return Optional.of(retryAfter.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : retryAfter);
        }
        double factor = 1 + jitter * (2 * random.getAsDouble() - 1);
        return Optional.of(Duration.ofMillis(Math.round(schedule.get(step).toMillis() * factor)));
    }
}
