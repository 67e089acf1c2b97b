package org.orderplatform.web.problem;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors that never reach a controller (rejected by the servlet container, thrown by a filter)
 * end up on {@code /error}; Boot's default answers them in its own JSON. This answers them as
 * problems too, so no client ever has to parse two error formats. It is the container's, not the
 * API's: not in the OpenAPI document, and a client calling it directly (no error being forwarded)
 * finds nothing there.
 */
@Hidden
@RestController
class ProblemErrorController implements ErrorController {

    @RequestMapping("/error")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        // a filter that needed the database (an API key's lookup, the shared throttle) and could
        // not reach it: 503 with Retry-After, as a controller's request gets, not a 500
        if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure
                && Unavailability.isCause(failure)) {
            return Unavailability.response(failure);
        }
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer value ? value : HttpStatus.NOT_FOUND.value();
        ProblemType type = StandardProblem.forStatus(status);
        if (type == null) {
            type = status >= 500 ? StandardProblem.INTERNAL_ERROR : StandardProblem.MALFORMED_REQUEST;
        }
        ProblemDetail problem = Problems.detail(type, type.description());
        problem.setStatus(status);
        return Problems.response(problem);
    }
}
