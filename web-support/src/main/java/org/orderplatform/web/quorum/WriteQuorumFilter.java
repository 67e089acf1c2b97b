package org.orderplatform.web.quorum;

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
import org.orderplatform.web.problem.Unavailability;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a change at once, 503 with {@code Retry-After}, while the database could not commit it
 * (too few standbys for its synchronous replication quorum): without this it would wait for a
 * standby for as long as none came. Reads go on. Nothing was changed; retrying later is safe.
 */
class WriteQuorumFilter extends OncePerRequestFilter {

    private static final Set<String> CHANGES = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final WriteQuorum quorum;
    private final Counter refused;
    private final ProblemResponseWriter problems;

    WriteQuorumFilter(WriteQuorum quorum, Counter refused, ProblemResponseWriter problems) {
        this.quorum = quorum;
        this.refused = refused;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = RequestPaths.of(request);
        return !CHANGES.contains(request.getMethod())
                || !(path.startsWith("/api/") || path.startsWith("/admin/"))
                // an operator's own tools must work while the quorum is lost
                || path.startsWith("/admin/faults");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var state = quorum.state();
        if (state.isPresent() && !state.get().allowsWrites()) {
            refused.increment();
            ProblemDetail problem = Problems.detail(
                    StandardProblem.WRITE_QUORUM_UNAVAILABLE,
                    "The database has " + state.get().counted() + " of the "
                            + state.get().required() + " standby(s) a commit needs; nothing was changed");
            problem.setProperty("retryAfterSeconds", Unavailability.RETRY_AFTER_SECONDS);
            problems.write(request, response, problem);
            return;
        }
        chain.doFilter(request, response);
    }
}
