package org.orderplatform.api.payment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Authorizes the order's total with the provider. Sending it again after an outcome changes nothing; after a provider failure it tries again. */
public record AuthorizePaymentCommand(
        @TargetAggregateIdentifier String paymentId,
        String orderId,
        long amountMinor,
        String currency,
        String paymentToken) {}
