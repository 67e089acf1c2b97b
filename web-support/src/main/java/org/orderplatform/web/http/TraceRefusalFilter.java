package org.orderplatform.web.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.orderplatform.web.problem.ProblemResponseWriter;
import org.orderplatform.web.problem.Problems;
import org.orderplatform.web.problem.StandardProblem;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers {@code TRACE} with a 405 problem, on every path, before anything else sees it. Tomcat's
 * own refusal had an empty body; and a TRACE that reaches the servlet is echoed back with its
 * headers (API keys included) by {@code HttpServlet.doTrace}, even after Spring has answered it.
 * So Tomcat lets TRACE in ({@link HttpProtocolConfiguration}) and it stops here, never further.
 */
public class TraceRefusalFilter extends OncePerRequestFilter {

    private final ProblemResponseWriter problems;

    public TraceRefusalFilter(ProblemResponseWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!"TRACE".equalsIgnoreCase(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader("Allow", "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
        problems.write(
                request, response, Problems.detail(StandardProblem.METHOD_NOT_ALLOWED, "TRACE is not supported"));
    }
}
