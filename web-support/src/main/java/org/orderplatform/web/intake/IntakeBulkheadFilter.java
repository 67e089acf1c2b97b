package org.orderplatform.web.intake;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.micrometer.core.instrument.Counter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.orderplatform.web.http.RequestPaths;
import org.orderplatform.web.problem.ProblemResponseWriter;
import org.orderplatform.web.problem.Problems;
import org.orderplatform.web.problem.StandardProblem;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/** Lets a change through only while the intake bulkhead has room; otherwise 503 at once. */
class IntakeBulkheadFilter extends OncePerRequestFilter {

    private static final Set<String> CHANGES = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final Bulkhead bulkhead;
    private final long retryAfterSeconds;
    private final Counter rejected;
    private final ProblemResponseWriter problems;

    IntakeBulkheadFilter(Bulkhead bulkhead, long retryAfterSeconds, Counter rejected, ProblemResponseWriter problems) {
        this.bulkhead = bulkhead;
        this.retryAfterSeconds = retryAfterSeconds;
        this.rejected = rejected;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = RequestPaths.of(request);
        return !(path.startsWith("/api/") && CHANGES.contains(request.getMethod()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!bulkhead.tryAcquirePermission()) {
            rejected.increment();
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
            problems.write(
                    request,
                    response,
                    Problems.detail(
                            StandardProblem.SERVICE_BUSY,
                            "This node is at its limit of "
                                    + bulkhead.getBulkheadConfig().getMaxConcurrentCalls()
                                    + " changes at once; retry in " + retryAfterSeconds + " s"));
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            bulkhead.onComplete();
        }
    }
}
