package org.orderplatform.api.payment;

/** Captured money was given back. */
public record PaymentRefunded(String paymentId, String orderId, String refundId, String reason) {}
