package org.orderplatform.web.auth;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Who is calling: the API key that authenticated the request. Controllers read it to keep a
 * customer's key to that customer's orders.
 *
 * @param customerId set when the key acts for one customer only
 */
public record ApiClient(UUID keyId, String name, Set<Scope> scopes, String customerId) {

    public ApiClient {
        // one instance serves many requests at once (the key cache): it must not change
        scopes = Set.copyOf(scopes);
    }

    public boolean has(Scope scope) {
        return scopes.contains(scope);
    }

    /** Whether this client may see or act for the customer. */
    public boolean mayActFor(String customer) {
        return customerId == null || customerId.equals(customer);
    }

    public Optional<String> boundCustomer() {
        return Optional.ofNullable(customerId);
    }

    /** The request's client: the principal of a request authenticated by its API key. */
    public static Optional<ApiClient> of(HttpServletRequest request) {
        return request.getUserPrincipal() instanceof ApiKeyAuthentication authentication
                ? Optional.of(authentication.client())
                : Optional.empty();
    }
}
