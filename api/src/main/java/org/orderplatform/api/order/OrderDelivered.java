package org.orderplatform.api.order;

/** The order reached the customer. */
public record OrderDelivered(String orderId) {}
