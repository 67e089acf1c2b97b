package org.orderplatform.api.stock;

/** An order's reservation went back to the available stock. */
public record StockReleased(String stockId, String sku, String orderId, int quantity, long available) {}
