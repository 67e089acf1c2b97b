package org.orderplatform.sandbox.payments;

import java.time.Duration;

/** Holds the current request: the sandbox's way of being a slow provider. */
final class Delay {

    private Delay() {}

    static void hold(Duration duration) {
        if (duration.isZero() || duration.isNegative()) {
            return;
        }
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            // shutting down: answer now rather than hold the thread
            Thread.currentThread().interrupt();
        }
    }
}
