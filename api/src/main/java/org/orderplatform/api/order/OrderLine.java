package org.orderplatform.api.order;

/**
 * One line of an order. The unit price is in minor units of the order's currency (cents for EUR),
 * so no rounding ever happens inside the platform.
 */
public record OrderLine(String sku, int quantity, long unitPriceMinor) {

    /** Quantity times unit price, failing loudly instead of overflowing. */
    public long lineTotalMinor() {
        return Math.multiplyExact(unitPriceMinor, (long) quantity);
    }
}
