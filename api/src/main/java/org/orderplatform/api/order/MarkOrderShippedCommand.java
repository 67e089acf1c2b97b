package org.orderplatform.api.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The order left the warehouse. {@code expectedVersion} as in {@link ChangeShippingAddressCommand}. */
public record MarkOrderShippedCommand(
        @TargetAggregateIdentifier String orderId, Long expectedVersion) {}
