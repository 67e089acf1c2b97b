package org.orderplatform.api.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Changes where an order goes. {@code expectedVersion} is the version the change is based on (the
 * client's {@code If-Match}); the order refuses the command unless it is exactly at that version.
 * Null means "whatever the current version is".
 */
public record ChangeShippingAddressCommand(
        @TargetAggregateIdentifier String orderId, Long expectedVersion, ShippingAddress shippingAddress) {}
