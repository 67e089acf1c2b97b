package org.orderplatform.sandbox.payments;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** An authorization as the sandbox keeps it; each change answers a new copy. */
record SandboxAuthorization(
        String authorizationId,
        long amountMinor,
        String currency,
        State state,
        long capturedMinor,
        long refundedMinor) {

    enum State {
        AUTHORIZED,
        CAPTURED,
        VOIDED;

        @JsonValue
        String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static SandboxAuthorization authorized(String id, long amountMinor, String currency) {
        return new SandboxAuthorization(id, amountMinor, currency, State.AUTHORIZED, 0, 0);
    }

    SandboxAuthorization captured(long amount) {
        return new SandboxAuthorization(authorizationId, amountMinor, currency, State.CAPTURED, amount, 0);
    }

    SandboxAuthorization voided() {
        return new SandboxAuthorization(authorizationId, amountMinor, currency, State.VOIDED, 0, 0);
    }

    SandboxAuthorization refunded(long amount) {
        return new SandboxAuthorization(
                authorizationId, amountMinor, currency, state, capturedMinor, refundedMinor + amount);
    }

    long refundableMinor() {
        return capturedMinor - refundedMinor;
    }

    /** A request's currency fits if it names none or this one. */
    boolean accepts(String requestCurrency) {
        return requestCurrency == null || requestCurrency.equals(currency);
    }
}
