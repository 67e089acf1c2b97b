package org.orderplatform.web.auth;

import java.util.Optional;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * What a key bound to one customer may reach: that customer's orders, and placing orders for that
 * customer. Changes to an existing order (address, cancellation, shipment, delivery) need a key
 * that is not bound to a customer (an operator's). The decisions are read by method security,
 * e.g. {@code @PreAuthorize("@customerAccess.actsFor(#request.customerId())")}; a refusal answers
 * 403 {@code customer-mismatch} with the reason ({@link CustomerAccessAdvice}).
 */
public class CustomerAccess {

    /** The bean name expressions use. */
    public static final String BEAN = "customerAccess";

    /** The customer the calling key is bound to, if any. */
    public Optional<String> boundCustomer() {
        return client().flatMap(ApiClient::boundCustomer);
    }

    /** Granted unless the calling key is bound to another customer (no customer: granted). */
    public AuthorizationDecision actsFor(String customerId) {
        return client().filter(client -> customerId != null && !client.mayActFor(customerId))
                .<AuthorizationDecision>map(
                        client -> Refusal.of("This API key acts for customer " + client.customerId() + " only"))
                .orElse(new AuthorizationDecision(true));
    }

    /** Granted unless the calling key is bound to a customer. */
    public AuthorizationDecision operator() {
        return boundCustomer()
                .<AuthorizationDecision>map(customer -> Refusal.of(
                        "This API key acts for customer " + customer + ": changes to an order need an operator's key"))
                .orElse(new AuthorizationDecision(true));
    }

    private static Optional<ApiClient> client() {
        return Optional.ofNullable(SecurityContextHolder.getContext().getAuthentication())
                .filter(ApiKeyAuthentication.class::isInstance)
                .map(authentication -> ((ApiKeyAuthentication) authentication).client());
    }

    /** A refusal that says why, for the problem body. */
    static final class Refusal extends AuthorizationDecision {
        private final String reason;

        private Refusal(String reason) {
            super(false);
            this.reason = reason;
        }

        static Refusal of(String reason) {
            return new Refusal(reason);
        }

        String reason() {
            return reason;
        }
    }
}
