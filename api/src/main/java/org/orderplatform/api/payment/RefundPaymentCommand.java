package org.orderplatform.api.payment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Gives captured money back. */
public record RefundPaymentCommand(
        @TargetAggregateIdentifier String paymentId, String reason) {}
