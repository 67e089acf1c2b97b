package org.orderplatform.api.stock;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Registers a product so its stock can be kept; a SKU is registered once. */
public record RegisterProductCommand(
        @TargetAggregateIdentifier String stockId, String sku, String name) {}
