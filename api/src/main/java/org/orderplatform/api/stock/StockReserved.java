package org.orderplatform.api.stock;

/** Units are held for an order; {@code available} is what is left for others. */
public record StockReserved(String stockId, String sku, String orderId, int quantity, long available) {}
