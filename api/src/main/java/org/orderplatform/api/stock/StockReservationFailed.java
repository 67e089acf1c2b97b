package org.orderplatform.api.stock;

/** An order asked for more than is available, or for a product nobody registered ({@code reason}: insufficient_stock, unknown_sku). */
public record StockReservationFailed(
        String stockId, String sku, String orderId, int requested, long available, String reason) {}
