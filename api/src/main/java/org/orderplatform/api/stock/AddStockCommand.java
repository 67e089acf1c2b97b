package org.orderplatform.api.stock;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Adds received units to a product's stock. */
public record AddStockCommand(@TargetAggregateIdentifier String stockId, String sku, int quantity) {}
