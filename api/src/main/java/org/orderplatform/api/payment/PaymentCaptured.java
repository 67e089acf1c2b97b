package org.orderplatform.api.payment;

/** The money was taken. */
public record PaymentCaptured(String paymentId, String orderId, String captureId) {}
