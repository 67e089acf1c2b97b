package org.orderplatform.command.payment.provider.http;

/**
 * A failure worth trying again: the provider could not be reached, did not answer in time, or
 * answered 5xx or 429. It is the only exception a provider call throws, so it alone is what the
 * retry repeats and the circuit breaker counts; its {@link #reason()} is our code, never the
 * provider's text.
 */
class TransientProviderFailure extends RuntimeException {

    private final String reason;
    private final boolean outcomeUnknown;

    TransientProviderFailure(String reason, boolean outcomeUnknown, Throwable cause) {
        super(reason, cause, false, false);
        this.reason = reason;
        this.outcomeUnknown = outcomeUnknown;
    }

    /** A failure before the provider could act on the request (it surely did nothing). */
    TransientProviderFailure(String reason) {
        this(reason, false, null);
    }

    String reason() {
        return reason;
    }

    /** Whether the provider may have carried the request out although no answer came back. */
    boolean outcomeUnknown() {
        return outcomeUnknown;
    }
}
