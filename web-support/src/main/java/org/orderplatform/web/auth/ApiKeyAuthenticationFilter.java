package org.orderplatform.web.auth;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.MDC;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates the API key a request presents ({@code X-API-Key}, or {@code Authorization:
 * Bearer}). It decides nothing: a refused key is only noted, so an open path (health, the docs)
 * ignores it, and the authorization rules of a protected path send it to {@link ApiKeyEntryPoint}.
 */
class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    static final String HEADER = "X-API-Key";
    static final String REFUSED_KEY = ApiKeyAuthenticationFilter.class.getName() + ".refused";

    private final AuthenticationManager authentications;
    private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();
    // kept on the request, so an async dispatch of the same request is still authenticated
    private final SecurityContextRepository contexts = new RequestAttributeSecurityContextRepository();

    ApiKeyAuthenticationFilter(AuthenticationManager authentications) {
        this.authentications = authentications;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> key = keyOf(request);
        if (key.isPresent()) {
            try {
                Authentication verified = authentications.authenticate(ApiKeyAuthentication.unverified(key.get()));
                SecurityContext context = holder.createEmptyContext();
                context.setAuthentication(verified);
                holder.setContext(context);
                contexts.saveContext(context, request, response);
                MDC.put("client", ((ApiKeyAuthentication) verified).client().name());
            } catch (AuthenticationException refused) {
                request.setAttribute(REFUSED_KEY, Boolean.TRUE);
            }
        }
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove("client");
        }
    }

    static Optional<String> keyOf(HttpServletRequest request) {
        String key = request.getHeader(HEADER);
        if (key == null) {
            String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
            if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                key = authorization.substring(7).trim();
            }
        }
        return Optional.ofNullable(key).filter(value -> !value.isBlank());
    }
}
