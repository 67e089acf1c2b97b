package org.orderplatform.webhooks.delivery;

import java.time.Duration;

/**
 * What one POST got: the status code (null when no answer came), how long it took, what went
 * wrong, and the receiver's Retry-After (on 429/503, when given).
 */
record AttemptResult(Integer statusCode, long latencyMs, String error, Duration retryAfter) {

    boolean succeeded() {
        return statusCode != null && statusCode >= 200 && statusCode < 300;
    }

    boolean gone() {
        return statusCode != null && statusCode == 410;
    }
}
