package org.orderplatform.api.payment;

/**
 * The provider could not be reached or did not answer in time; {@code attempt} counts from 1.
 * {@code outcomeUnknown}: the request may have reached the provider and been carried out (no answer
 * in time, a broken connection, a 5xx other than 503), so money may be held; otherwise the
 * provider surely did nothing (connection refused, 503, 429, circuit breaker open).
 */
public record PaymentAuthorizationFailed(
        String paymentId, String orderId, String reason, int attempt, boolean outcomeUnknown) {}
