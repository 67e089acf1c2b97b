package org.orderplatform.web.problem;

import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** Throw from a controller to answer with a problem of a {@link ProblemType}. */
public class ProblemException extends ErrorResponseException {

    public ProblemException(ProblemType type, String detail) {
        super(type.status(), Problems.detail(type, detail), null);
    }

    public ProblemException(ProblemDetail problem) {
        super(org.springframework.http.HttpStatusCode.valueOf(problem.getStatus()), problem, null);
    }
}
