package org.orderplatform.api.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** The customer withdraws the order; {@code comment} is their free-text reason (may be null). */
public record CancelOrderByCustomerCommand(
        @TargetAggregateIdentifier String orderId,
        @TargetAggregateVersion Long expectedVersion,
        String comment) {}
