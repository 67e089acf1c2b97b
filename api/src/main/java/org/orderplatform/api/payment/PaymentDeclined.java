package org.orderplatform.api.payment;

/** The provider refused; {@code reason} as the provider gave it (card_declined, insufficient_funds). */
public record PaymentDeclined(String paymentId, String orderId, String reason) {}
