package org.orderplatform.api.order;

/**
 * Lifecycle of an order: placed, confirmed once stock is reserved and payment authorized, then
 * shipped and delivered; or cancelled (by the customer before shipment, or by the platform).
 */
public enum OrderStatus {
    PLACED,
    CONFIRMED,
    SHIPPED,
    DELIVERED,
    CANCELLED
}
