package org.orderplatform.api.payment;

/** No money is held any more for this order ({@code authorizationId} null when none was ever granted). */
public record PaymentVoided(String paymentId, String orderId, String authorizationId, String reason) {}
