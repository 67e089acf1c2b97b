/**
 * The {@link org.orderplatform.command.payment.provider.PaymentProvider} port over HTTP/JSON. Each
 * call carries its idempotency key, is retried on passing failures and guarded by a circuit
 * breaker (both named {@code payment-provider}, configurable under {@code resilience4j.*}); every
 * failure that is not the provider's final word ends as {@code Unavailable}, never as an exception.
 * With no {@code orders.payments.provider-url} it calls the platform's own sandbox.
 */
package org.orderplatform.command.payment.provider.http;
