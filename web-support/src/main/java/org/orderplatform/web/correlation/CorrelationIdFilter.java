package org.orderplatform.web.correlation;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.orderplatform.web.problem.ProblemResponseWriter;
import org.orderplatform.web.problem.Problems;
import org.orderplatform.web.problem.StandardProblem;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Takes the client's {@code X-Correlation-Id} or makes one, answers it on the response (errors
 * included), and keeps it in the MDC while the request is handled. A malformed one is refused
 * with a 400 (carrying a fresh id), rather than written into logs and metadata.
 */
public class CorrelationIdFilter extends OncePerRequestFilter {

    private final ProblemResponseWriter problems;

    public CorrelationIdFilter(ProblemResponseWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String given = request.getHeader(CorrelationId.HEADER);
        String id = given != null && CorrelationId.isValid(given) ? given : CorrelationId.generate();
        response.setHeader(CorrelationId.HEADER, id);
        MDC.put(CorrelationId.KEY, id);
        try {
            if (given != null && !given.equals(id)) {
                problems.write(
                        request,
                        response,
                        Problems.detail(
                                StandardProblem.CORRELATION_ID_INVALID,
                                CorrelationId.HEADER + " must be 1 to 64 letters, digits or . _ : -"));
                return;
            }
            request.setAttribute(CorrelationId.KEY, id);
            chain.doFilter(request, response);
        } finally {
            MDC.remove(CorrelationId.KEY);
        }
    }
}
