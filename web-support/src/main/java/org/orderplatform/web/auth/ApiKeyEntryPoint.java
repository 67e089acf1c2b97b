package org.orderplatform.web.auth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.orderplatform.web.problem.ProblemResponseWriter;
import org.orderplatform.web.problem.Problems;
import org.orderplatform.web.problem.StandardProblem;
import org.orderplatform.web.throttling.Throttle;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * 401 for a protected path reached without a valid key: {@code api-key-required} when none was
 * sent, {@code api-key-invalid} when the one sent is unknown or revoked, with a
 * {@code WWW-Authenticate} challenge. Such calls are throttled by address first: guessing keys,
 * or flooding, costs the caller its budget (then the answer is 429).
 */
class ApiKeyEntryPoint implements AuthenticationEntryPoint {

    private static final String CHALLENGE = "ApiKey header=\"" + ApiKeyAuthenticationFilter.HEADER + "\", Bearer";

    private final ProblemResponseWriter problems;
    private final Optional<Throttle> throttle;

    ApiKeyEntryPoint(ProblemResponseWriter problems, Optional<Throttle> throttle) {
        this.problems = problems;
        this.throttle = throttle;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException reason)
            throws IOException {
        if (throttle.isPresent() && !throttle.get().allowAnonymous(request, response)) {
            return;
        }
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
        if (request.getAttribute(ApiKeyAuthenticationFilter.REFUSED_KEY) != null) {
            problems.write(
                    request,
                    response,
                    Problems.detail(StandardProblem.API_KEY_INVALID, "The API key is unknown or revoked"));
        } else {
            problems.write(
                    request,
                    response,
                    Problems.detail(
                            StandardProblem.API_KEY_REQUIRED,
                            "Send an API key in the " + ApiKeyAuthenticationFilter.HEADER
                                    + " header (or as Authorization: Bearer)"));
        }
    }
}
