package org.orderplatform.api.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The customer withdraws the order; {@code comment} is their free-text reason (may be null).
 * {@code expectedVersion} as in {@link ChangeShippingAddressCommand}.
 */
public record CancelOrderByCustomerCommand(
        @TargetAggregateIdentifier String orderId, Long expectedVersion, String comment) {}
