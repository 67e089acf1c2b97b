package org.orderplatform.api.order;

/** The order now goes to {@code shippingAddress}. */
public record ShippingAddressChanged(String orderId, ShippingAddress shippingAddress) {}
