package org.orderplatform.web.faults;

import io.micrometer.core.instrument.Counter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.orderplatform.web.http.RequestPaths;
import org.orderplatform.web.problem.ProblemResponseWriter;
import org.orderplatform.web.problem.Problems;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Delays or fails the requests the injected fault matches. It runs after authentication (an
 * unauthenticated request is refused as ever) and before idempotency, so a request it fails has
 * not used its Idempotency-Key: a gateway may send it to another node.
 */
class FaultInjectionFilter extends OncePerRequestFilter {

    private final InjectedFaults faults;
    private final Counter injected;
    private final ProblemResponseWriter problems;

    FaultInjectionFilter(InjectedFaults faults, Counter injected, ProblemResponseWriter problems) {
        this.faults = faults;
        this.injected = injected;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = RequestPaths.of(request);
        Optional<Fault> matching =
                path.startsWith(FaultsController.PATH) ? Optional.empty() : faults.matching(request.getMethod(), path);
        if (matching.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        Fault fault = matching.get();
        if (fault.latencyMillis() > 0) {
            faults.delayed.incrementAndGet();
            try {
                Thread.sleep(fault.latencyMillis()); // the fault is the wait itself
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
            } finally {
                faults.delayed.decrementAndGet();
            }
        }
        if (InjectedFaults.fails(fault)) {
            injected.increment();
            ProblemDetail problem = Problems.detail(
                    FaultProblem.INJECTED_FAULT,
                    "This node was told to fail " + fault.errorRate() * 100 + " % of " + fault.pathPrefix()
                            + " requests");
            problem.setStatus(fault.status());
            problems.write(request, response, problem);
            return;
        }
        chain.doFilter(request, response);
    }
}
