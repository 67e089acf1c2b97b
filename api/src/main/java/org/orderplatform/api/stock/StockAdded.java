package org.orderplatform.api.stock;

/** Units were added; {@code available} is the count after it. */
public record StockAdded(String stockId, String sku, int quantity, long available) {}
