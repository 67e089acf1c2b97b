package org.orderplatform.web.problem;

import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** Builds RFC 9457 problem responses of a {@link ProblemType}. */
public final class Problems {

    private Problems() {}

    public static ProblemDetail detail(ProblemType type, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(type.status(), detail);
        problem.setType(type.uri());
        problem.setTitle(type.title());
        return problem;
    }

    /** A {@link ProblemType#VALIDATION_FAILED} problem listing each offending field. */
    public static ProblemDetail validation(List<FieldError> errors) {
        String detail = errors.size() == 1
                ? errors.get(0).field() + " " + errors.get(0).message()
                : errors.size() + " fields are invalid";
        ProblemDetail problem = detail(StandardProblem.VALIDATION_FAILED, detail);
        problem.setProperty("errors", errors);
        return problem;
    }

    public static ResponseEntity<ProblemDetail> response(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    public static ResponseEntity<ProblemDetail> response(ProblemType type, String detail) {
        return response(detail(type, detail));
    }

    /** One invalid field: its JSON path ({@code lines[2].quantity}) and what is wrong with it. */
    public record FieldError(String field, String message) {}
}
