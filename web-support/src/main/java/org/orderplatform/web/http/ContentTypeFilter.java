package org.orderplatform.web.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.orderplatform.web.problem.ProblemResponseWriter;
import org.orderplatform.web.problem.Problems;
import org.orderplatform.web.problem.StandardProblem;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A request's {@code Content-Type} must name one media type: {@code application/*} parses, but
 * Spring MVC refuses to set it as a content type with an IllegalArgumentException deep in body
 * reading, which only a catch-all could answer (a fuzzer found it as a 500). Judged once here: a
 * wildcard is 415, an unparseable value 400.
 */
public class ContentTypeFilter extends OncePerRequestFilter {

    private final ProblemResponseWriter problems;

    public ContentTypeFilter(ProblemResponseWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String value = request.getContentType();
        if (value != null) {
            try {
                MediaType type = MediaType.parseMediaType(value);
                if (type.isWildcardType() || type.isWildcardSubtype()) {
                    problems.write(
                            request,
                            response,
                            Problems.detail(
                                    StandardProblem.UNSUPPORTED_MEDIA_TYPE,
                                    "Content-Type must name one media type (application/json), not a wildcard"));
                    return;
                }
            } catch (InvalidMediaTypeException unparseable) {
                problems.write(
                        request,
                        response,
                        Problems.detail(
                                StandardProblem.MALFORMED_REQUEST, "The Content-Type header is not a media type"));
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
