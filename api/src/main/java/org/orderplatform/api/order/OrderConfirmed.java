package org.orderplatform.api.order;

/** Stock reserved and payment authorized: the order will be fulfilled. */
public record OrderConfirmed(String orderId) {}
