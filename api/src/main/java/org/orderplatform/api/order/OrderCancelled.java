package org.orderplatform.api.order;

/** The order will not be fulfilled. {@code comment} is free text and may be null. */
public record OrderCancelled(String orderId, CancellationReason reason, String comment) {}
