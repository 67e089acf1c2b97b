package org.orderplatform.api.payment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Takes the authorized money (the order shipped). */
public record CapturePaymentCommand(
        @TargetAggregateIdentifier String paymentId) {}
