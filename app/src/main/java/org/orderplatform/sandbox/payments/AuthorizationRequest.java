package org.orderplatform.sandbox.payments;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

/** {@code POST /sandbox/payments/authorizations}; the token picks the outcome (see {@link CardRules}). */
record AuthorizationRequest(
        @NotNull @Positive Long amountMinor,

        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR")
        String currency,

        String paymentToken) {}
