package org.orderplatform.web.auth;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;

/** Verifies a presented API key against the key store (through its cache). */
class ApiKeyAuthenticationProvider implements AuthenticationProvider {

    private final ApiKeyStore keys;

    ApiKeyAuthenticationProvider(ApiKeyStore keys) {
        this.keys = keys;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String key = ((ApiKeyAuthentication) authentication).presentedKey();
        return keys.authenticate(key)
                .map(ApiKeyAuthentication::verified)
                .orElseThrow(() -> new BadCredentialsException("The API key is unknown or revoked"));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return ApiKeyAuthentication.class.isAssignableFrom(authentication);
    }
}
