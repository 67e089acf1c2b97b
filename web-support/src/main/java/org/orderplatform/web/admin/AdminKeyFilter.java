package org.orderplatform.web.admin;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.orderplatform.web.problem.ProblemResponseWriter;
import org.orderplatform.web.problem.ProblemType;
import org.orderplatform.web.problem.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/** Lets {@code /admin/**} through only with the right {@code X-Admin-Key}; anything else is a 401 problem. */
class AdminKeyFilter extends OncePerRequestFilter {

    static final String HEADER = "X-Admin-Key";

    private final byte[] key;
    private final ProblemResponseWriter problems;

    AdminKeyFilter(String key, ProblemResponseWriter problems) {
        this.key = key.getBytes(StandardCharsets.UTF_8);
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !(path.equals("/admin") || path.startsWith("/admin/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String given = request.getHeader(HEADER);
        // constant time: the comparison must not tell how much of a guess was right
        if (given != null && MessageDigest.isEqual(key, given.getBytes(StandardCharsets.UTF_8))) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "ApiKey header=\"" + HEADER + "\"");
        problems.write(
                request,
                response,
                Problems.detail(
                        ProblemType.ADMIN_KEY_REQUIRED,
                        given == null
                                ? "Send the admin key in the " + HEADER + " header"
                                : "The admin key is not valid"));
    }
}
