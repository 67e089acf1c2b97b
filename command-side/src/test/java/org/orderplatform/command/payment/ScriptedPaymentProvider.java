package org.orderplatform.command.payment;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.orderplatform.command.payment.provider.AuthorizationResult;
import org.orderplatform.command.payment.provider.OperationResult;
import org.orderplatform.command.payment.provider.PaymentProvider;

/** A provider whose answers each test scripts; it records the calls (with their idempotency keys). */
final class ScriptedPaymentProvider implements PaymentProvider {

    final Deque<AuthorizationResult> authorizations = new ArrayDeque<>();
    final Deque<OperationResult> operations = new ArrayDeque<>();
    final List<String> calls = new ArrayList<>();

    @Override
    public AuthorizationResult authorize(String key, long amountMinor, String currency, String paymentToken) {
        calls.add("authorize " + key + " " + amountMinor + " " + currency + " " + paymentToken);
        return authorizations.remove();
    }

    @Override
    public OperationResult capture(String key, String authorizationId, long amountMinor, String currency) {
        calls.add("capture " + key + " " + authorizationId + " " + amountMinor);
        return operations.remove();
    }

    @Override
    public OperationResult voidAuthorization(String key, String authorizationId) {
        calls.add("void " + key + " " + authorizationId);
        return operations.remove();
    }

    @Override
    public OperationResult refund(String key, String authorizationId, long amountMinor, String currency) {
        calls.add("refund " + key + " " + authorizationId + " " + amountMinor);
        return operations.remove();
    }
}
