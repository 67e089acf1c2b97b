package org.orderplatform.api.payment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Releases an authorization, or the attempt at one, because the order will not be fulfilled. */
public record VoidPaymentCommand(@TargetAggregateIdentifier String paymentId, String reason) {}
