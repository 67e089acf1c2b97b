package org.orderplatform.webhooks.delivery;

import java.time.Duration;

/**
 * What becomes of one claimed delivery, to be written by its lease holder: delivered; tried again
 * after {@code delay}; dead (with the dead letter's {@code reason}); or held back without an
 * attempt (an endpoint's breaker or limits), due again after {@code delay}, {@code reason} saying
 * why.
 */
record Outcome(ClaimedDelivery delivery, Kind kind, AttemptResult result, Duration delay, String reason) {

    enum Kind {
        DELIVERED,
        RETRY,
        DEAD,
        HELD
    }

    static Outcome delivered(ClaimedDelivery delivery, AttemptResult result) {
        return new Outcome(delivery, Kind.DELIVERED, result, null, null);
    }

    static Outcome retry(ClaimedDelivery delivery, AttemptResult result, Duration wait) {
        return new Outcome(delivery, Kind.RETRY, result, wait, null);
    }

    static Outcome dead(ClaimedDelivery delivery, AttemptResult result, String reason) {
        return new Outcome(delivery, Kind.DEAD, result, null, reason);
    }

    /** Held back, with why (shown in the delivery log until it is attempted). */
    static Outcome held(ClaimedDelivery delivery, Duration wait, String reason) {
        return new Outcome(delivery, Kind.HELD, null, wait, reason);
    }

    /** Whether a POST was made (every kind but HELD): it is logged and counts as an attempt. */
    boolean attempted() {
        return kind != Kind.HELD;
    }

    /** The metric's name for it: delivered, retry, dead, held. */
    String metricName() {
        return kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
