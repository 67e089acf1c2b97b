package org.orderplatform.sandbox.payments;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

/** The body of a capture or refund; the currency is optional and, when given, must be the authorization's. */
record AmountRequest(
        @NotNull @Positive Long amountMinor,

        @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR")
        String currency) {}
