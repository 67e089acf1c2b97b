package org.orderplatform.api.stock;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The reserved units left with the order's shipment: they are gone for good. */
public record CommitStockCommand(@TargetAggregateIdentifier String stockId, String sku, String orderId) {}
