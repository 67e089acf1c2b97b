package org.orderplatform.web.auth;

import org.orderplatform.web.problem.Problems;
import org.orderplatform.web.problem.StandardProblem;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A refusal by method security, inside a handler: 403 {@code customer-mismatch} with the reason
 * the decision gave. Ordered first, so the catch-all handler does not take it for a 500.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class CustomerAccessAdvice {

    @ExceptionHandler(AuthorizationDeniedException.class)
    ResponseEntity<ProblemDetail> denied(AuthorizationDeniedException denied) {
        String reason = denied.getAuthorizationResult() instanceof CustomerAccess.Refusal refusal
                ? refusal.reason()
                : "This API key may not make this request";
        return Problems.response(StandardProblem.CUSTOMER_MISMATCH, reason);
    }
}
