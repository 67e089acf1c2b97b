package org.orderplatform.web.faults;

import org.orderplatform.web.problem.ProblemType;
import org.springframework.http.HttpStatus;

/** The answer of a request that an injected fault made fail (its status is the fault's). */
enum FaultProblem implements ProblemType {
    INJECTED_FAULT(
            "injected-fault",
            HttpStatus.SERVICE_UNAVAILABLE,
            "Injected fault",
            "This node was told to fail this request (`/admin/faults`, a test or chaos setting).");

    private final Definition definition;

    FaultProblem(String slug, HttpStatus status, String title, String description) {
        this.definition = new Definition(slug, status, title, description);
    }

    @Override
    public Definition definition() {
        return definition;
    }
}
