package org.orderplatform.api.order;

/** The order left the warehouse; it can no longer be changed or cancelled. */
public record OrderShipped(String orderId) {}
