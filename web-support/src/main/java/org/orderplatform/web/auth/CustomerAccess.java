package org.orderplatform.web.auth;

import java.util.Optional;
import org.orderplatform.web.problem.ProblemException;
import org.orderplatform.web.problem.ProblemType;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * What a key bound to one customer may reach: that customer's orders, and placing orders for that
 * customer. Changes to an existing order (address, cancellation, shipment, delivery) need a key
 * that is not bound to a customer (an operator's).
 */
public final class CustomerAccess {

    private CustomerAccess() {}

    /** The customer the calling key is bound to, if any. */
    public static Optional<String> boundCustomer() {
        return client().flatMap(ApiClient::boundCustomer);
    }

    /** 403 unless the calling key may act for this customer. */
    public static void requireCustomer(String customerId) {
        client().filter(client -> !client.mayActFor(customerId)).ifPresent(client -> {
            throw new ProblemException(
                    ProblemType.CUSTOMER_MISMATCH, "This API key acts for customer " + client.customerId() + " only");
        });
    }

    /** 403 when the calling key is bound to a customer. */
    public static void requireOperator() {
        boundCustomer().ifPresent(customer -> {
            throw new ProblemException(
                    ProblemType.CUSTOMER_MISMATCH,
                    "This API key acts for customer " + customer + ": changes to an order need an operator's key");
        });
    }

    private static Optional<ApiClient> client() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? ApiClient.of(attributes.getRequest())
                : Optional.empty();
    }
}
