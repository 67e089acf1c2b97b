package org.orderplatform.api.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/**
 * Changes where an order goes. {@code expectedVersion} is the version the client last saw (its
 * {@code If-Match}); null means "whatever the current version is".
 */
public record ChangeShippingAddressCommand(
        @TargetAggregateIdentifier String orderId,
        @TargetAggregateVersion Long expectedVersion,
        ShippingAddress shippingAddress) {}
