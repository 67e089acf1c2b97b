/**
 * The payment provider, as the platform sees it: a port ({@link PaymentProvider}) and its HTTP
 * adapter. Every call carries an idempotency key, so a retried or redelivered step never charges
 * twice; the adapter never throws for provider trouble, it answers {@code Unavailable}.
 */
package org.orderplatform.command.payment.provider;
