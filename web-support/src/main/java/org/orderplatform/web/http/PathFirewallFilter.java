package org.orderplatform.web.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.orderplatform.web.problem.ProblemResponseWriter;
import org.orderplatform.web.problem.ProblemType;
import org.orderplatform.web.problem.Problems;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses paths that could mean different things to different readers: {@code ;parameters},
 * encoded slashes, backslashes, dots or percent signs, empty or dot segments. No endpoint of the
 * API needs them, and refusing them keeps every later stage (auth, throttling, routing) looking at
 * the same path.
 */
public class PathFirewallFilter extends OncePerRequestFilter {

    private static final List<String> REFUSED = List.of(";", "%2f", "%5c", "%2e", "%25", "//", "/./", "/../", "\\");

    private final ProblemResponseWriter problems;

    public PathFirewallFilter(ProblemResponseWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String raw = request.getRequestURI().toLowerCase(Locale.ROOT);
        if (REFUSED.stream().anyMatch(raw::contains) || raw.endsWith("/.") || raw.endsWith("/..")) {
            problems.write(
                    request,
                    response,
                    Problems.detail(
                            ProblemType.MALFORMED_REQUEST,
                            "The path contains ';', an encoded '/', '\\\\', '.' or '%', or an empty or dot segment"));
            return;
        }
        chain.doFilter(request, response);
    }
}
