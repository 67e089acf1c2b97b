package org.orderplatform.api.payment;

/** The provider refused a capture, void or refund; it needs a person to look at it. */
public record PaymentOperationRejected(String paymentId, String orderId, PaymentOperation operation, String reason) {}
