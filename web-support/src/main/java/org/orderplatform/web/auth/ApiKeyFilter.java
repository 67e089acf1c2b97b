package org.orderplatform.web.auth;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.Optional;
import org.orderplatform.web.http.RequestPaths;
import org.orderplatform.web.problem.ProblemResponseWriter;
import org.orderplatform.web.problem.ProblemType;
import org.orderplatform.web.problem.Problems;
import org.orderplatform.web.throttling.Throttle;
import org.slf4j.MDC;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates the request's API key and checks its scope. The client becomes the request's
 * principal ({@code key:<id>}), so idempotency keys and throttling are per client.
 */
class ApiKeyFilter extends OncePerRequestFilter {

    static final String HEADER = "X-API-Key";
    private static final String HEALTH = "/actuator/health";
    private static final String CHALLENGE = "ApiKey header=\"" + HEADER + "\", Bearer";

    private final ApiKeyStore keys;
    private final ProblemResponseWriter problems;
    private final Optional<Throttle> throttle;

    ApiKeyFilter(ApiKeyStore keys, ProblemResponseWriter problems, Optional<Throttle> throttle) {
        this.keys = keys;
        this.problems = problems;
        this.throttle = throttle;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = RequestPaths.of(request);
        Scope required = AccessRules.required(request.getMethod(), path);
        if (required == null) {
            chain.doFilter(optionallyAuthenticated(request, path), response);
            return;
        }
        Optional<String> key = keyOf(request);
        Optional<ApiClient> client = key.flatMap(keys::authenticate);
        // calls without a valid key are throttled by address before they are refused: guessing
        // keys, or flooding, costs the caller its budget
        if (client.isEmpty() && throttle.isPresent() && !throttle.get().allowAnonymous(request, response)) {
            return;
        }
        if (key.isEmpty()) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
            problems.write(
                    request,
                    response,
                    Problems.detail(
                            ProblemType.API_KEY_REQUIRED,
                            "Send an API key in the " + HEADER + " header (or as Authorization: Bearer)"));
            return;
        }
        if (client.isEmpty()) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
            problems.write(
                    request,
                    response,
                    Problems.detail(ProblemType.API_KEY_INVALID, "The API key is unknown or revoked"));
            return;
        }
        if (!client.get().has(required)) {
            problems.write(
                    request,
                    response,
                    Problems.detail(
                            ProblemType.SCOPE_MISSING,
                            "This API key lacks the " + required.value() + " scope this request needs"));
            return;
        }
        request.setAttribute(ApiClient.ATTRIBUTE, client.get());
        MDC.put("client", client.get().name());
        try {
            chain.doFilter(new Authenticated(request, client.get()), response);
        } finally {
            MDC.remove("client");
        }
    }

    /**
     * Health is open to probes, and shows its details (database, broker, disk) to an admin key
     * only ({@code management.endpoint.health.show-details: when-authorized}, role {@code admin}):
     * a key sent there is looked up, and a wrong one simply gets no details.
     */
    private HttpServletRequest optionallyAuthenticated(HttpServletRequest request, String path) {
        if (!path.equals(HEALTH) && !path.startsWith(HEALTH + "/")) {
            return request;
        }
        return keyOf(request)
                .flatMap(keys::authenticate)
                .<HttpServletRequest>map(client -> new Authenticated(request, client))
                .orElse(request);
    }

    private static Optional<String> keyOf(HttpServletRequest request) {
        String key = request.getHeader(HEADER);
        if (key == null) {
            String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
            if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                key = authorization.substring(7).trim();
            }
        }
        return Optional.ofNullable(key).filter(value -> !value.isBlank());
    }

    /** The request, with the client as its principal. */
    private static final class Authenticated extends HttpServletRequestWrapper {
        private final Principal principal;
        private final ApiClient client;

        Authenticated(HttpServletRequest request, ApiClient client) {
            super(request);
            this.principal = () -> "key:" + client.keyId();
            this.client = client;
        }

        @Override
        public Principal getUserPrincipal() {
            return principal;
        }

        /** The key's scopes are its roles (what the actuator asks for). */
        @Override
        public boolean isUserInRole(String role) {
            return client.scopes().stream().anyMatch(scope -> scope.value().equals(role));
        }
    }
}
