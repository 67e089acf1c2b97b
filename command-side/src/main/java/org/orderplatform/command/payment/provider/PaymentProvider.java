package org.orderplatform.command.payment.provider;

/**
 * A card payment provider. Each operation is idempotent per {@code idempotencyKey}: calling it
 * again with the same key returns the first outcome and has no second effect.
 */
public interface PaymentProvider {

    AuthorizationResult authorize(String idempotencyKey, long amountMinor, String currency, String paymentToken);

    OperationResult capture(String idempotencyKey, String authorizationId, long amountMinor, String currency);

    OperationResult voidAuthorization(String idempotencyKey, String authorizationId);

    OperationResult refund(String idempotencyKey, String authorizationId, long amountMinor, String currency);
}
