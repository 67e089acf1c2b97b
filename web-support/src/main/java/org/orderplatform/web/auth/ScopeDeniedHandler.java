package org.orderplatform.web.auth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.stream.Collectors;
import org.orderplatform.web.problem.ProblemResponseWriter;
import org.orderplatform.web.problem.Problems;
import org.orderplatform.web.problem.StandardProblem;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorityAuthorizationDecision;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.access.AccessDeniedHandler;

/** 403 {@code scope-missing} for a valid key without the scope the path needs, naming it. */
class ScopeDeniedHandler implements AccessDeniedHandler {

    private final ProblemResponseWriter problems;

    ScopeDeniedHandler(ProblemResponseWriter problems) {
        this.problems = problems;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        String detail = denied instanceof AuthorizationDeniedException decided
                        && decided.getAuthorizationResult() instanceof AuthorityAuthorizationDecision needed
                ? "This API key lacks the "
                        + needed.getAuthorities().stream()
                                .map(GrantedAuthority::getAuthority)
                                .collect(Collectors.joining(" or "))
                        + " scope this request needs"
                : "This API key may not make this request";
        problems.write(request, response, Problems.detail(StandardProblem.SCOPE_MISSING, detail));
    }
}
