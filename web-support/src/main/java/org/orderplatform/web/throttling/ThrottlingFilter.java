package org.orderplatform.web.throttling;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.orderplatform.web.auth.ApiClient;
import org.orderplatform.web.auth.Scope;
import org.orderplatform.web.http.RequestPaths;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * One token per request to {@code /api/} or {@code /admin/}, from the calling key's bucket: the
 * {@code admin} plan for keys with the admin scope, the {@code client} plan for the others.
 * (Calls without a valid key are throttled by address, in the authentication stage, before they
 * are refused.) Health, API docs and the sandboxes are not throttled.
 */
class ThrottlingFilter extends OncePerRequestFilter {

    private final Throttle throttle;

    ThrottlingFilter(Throttle throttle) {
        this.throttle = throttle;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = RequestPaths.of(request);
        return !(path.startsWith("/api/") || path.startsWith("/admin/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var client = ApiClient.of(request);
        boolean allowed = client.isPresent()
                ? throttle.allow(
                        "key:" + client.get().keyId(),
                        client.get().has(Scope.ADMIN) ? "admin" : "client",
                        request,
                        response)
                : throttle.allowAnonymous(request, response);
        if (allowed) {
            chain.doFilter(request, response);
        }
    }
}
