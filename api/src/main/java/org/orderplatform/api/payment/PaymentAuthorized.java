package org.orderplatform.api.payment;

/** The provider holds the order's total for us. */
public record PaymentAuthorized(
        String paymentId, String orderId, String authorizationId, long amountMinor, String currency) {}
