package org.orderplatform.api.payment;

/** The provider could not be reached for a capture, void or refund; the saga tries again later. */
public record PaymentOperationFailed(String paymentId, String orderId, PaymentOperation operation, String reason) {}
