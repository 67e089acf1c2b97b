package org.orderplatform.api.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The platform cancels the order (out of stock, payment declined or timed out); {@code detail} says more. */
public record CancelOrderCommand(@TargetAggregateIdentifier String orderId, CancellationReason reason, String detail) {}
