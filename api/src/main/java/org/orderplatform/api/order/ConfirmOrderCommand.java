package org.orderplatform.api.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Stock is reserved and payment authorized: the order is confirmed (sent by the fulfilment saga). */
public record ConfirmOrderCommand(@TargetAggregateIdentifier String orderId) {}
