package org.orderplatform.api.stock;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Reserves units of a product for an order. Reserving again for the same order changes nothing. */
public record ReserveStockCommand(
        @TargetAggregateIdentifier String stockId, String sku, String orderId, int quantity) {}
