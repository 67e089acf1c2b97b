package org.orderplatform.api.stock;

/**
 * The aggregate id of a SKU's stock. Aggregates of every type share one event store, so ids carry
 * their type: a SKU can never collide with an order id.
 */
public final class StockIds {

    private StockIds() {}

    public static String of(String sku) {
        return "stock:" + sku;
    }
}
