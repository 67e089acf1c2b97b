package org.orderplatform.web.auth;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * An API key's authentication. Unverified, it carries the presented key; verified, the client it
 * belongs to, whose scopes are its authorities ({@code orders:read}, {@code admin}, ...), and its
 * name is {@code key:<id>} (what idempotency keys and throttling buckets are scoped by).
 */
public final class ApiKeyAuthentication extends AbstractAuthenticationToken {

    private final transient ApiClient client;
    private final transient String presentedKey;

    private ApiKeyAuthentication(ApiClient client, String presentedKey) {
        super(
                client == null
                        ? List.of()
                        : client.scopes().stream()
                                .map(scope -> new SimpleGrantedAuthority(scope.value()))
                                .toList());
        this.client = client;
        this.presentedKey = presentedKey;
        setAuthenticated(client != null);
    }

    static ApiKeyAuthentication unverified(String key) {
        return new ApiKeyAuthentication(null, key);
    }

    static ApiKeyAuthentication verified(ApiClient client) {
        return new ApiKeyAuthentication(client, null);
    }

    public ApiClient client() {
        return client;
    }

    String presentedKey() {
        return presentedKey;
    }

    @Override
    public Object getCredentials() {
        return presentedKey;
    }

    @Override
    public Object getPrincipal() {
        return client;
    }

    @Override
    public String getName() {
        return client == null ? "anonymous" : "key:" + client.keyId();
    }
}
