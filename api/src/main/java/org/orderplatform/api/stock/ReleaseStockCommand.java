package org.orderplatform.api.stock;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Gives an order's reservation back (the order will not be fulfilled). */
public record ReleaseStockCommand(@TargetAggregateIdentifier String stockId, String sku, String orderId) {}
