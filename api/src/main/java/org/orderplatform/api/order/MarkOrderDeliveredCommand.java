package org.orderplatform.api.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The order reached the customer. {@code expectedVersion} as in {@link ChangeShippingAddressCommand}. */
public record MarkOrderDeliveredCommand(
        @TargetAggregateIdentifier String orderId, Long expectedVersion) {}
