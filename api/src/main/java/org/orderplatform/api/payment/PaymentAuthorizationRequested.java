package org.orderplatform.api.payment;

/** The platform asked the provider to hold the order's total; the outcome follows in its own event. */
public record PaymentAuthorizationRequested(
        String paymentId, String orderId, long amountMinor, String currency, String paymentToken) {}
