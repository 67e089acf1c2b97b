package org.orderplatform.api.stock;

/** An order's reserved units were shipped. */
public record StockCommitted(String stockId, String sku, String orderId, int quantity) {}
