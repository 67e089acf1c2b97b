package org.orderplatform.command.payment.provider.http;

/**
 * A failure worth trying again: the provider could not be reached, did not answer in time, or
 * answered 5xx or 429. It is the only exception a provider call throws, so it alone is what the
 * retry repeats and the circuit breaker counts; its {@link #reason()} is our code, never the
 * provider's text.
 */
class TransientProviderFailure extends RuntimeException {

    private final String reason;

    TransientProviderFailure(String reason, Throwable cause) {
        super(reason, cause, false, false);
        this.reason = reason;
    }

    TransientProviderFailure(String reason) {
        this(reason, null);
    }

    String reason() {
        return reason;
    }
}
