package org.orderplatform.api.payment;

/** The provider could not be reached or did not answer in time; {@code attempt} counts from 1. Nothing is known to be held. */
public record PaymentAuthorizationFailed(String paymentId, String orderId, String reason, int attempt) {}
