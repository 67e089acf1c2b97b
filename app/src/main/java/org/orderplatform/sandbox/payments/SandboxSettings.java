package org.orderplatform.sandbox.payments;

import java.util.ArrayList;
import java.util.List;
import org.orderplatform.web.problem.Problems;

/** The sandbox's injected faults: how long every call waits first, and how often it then fails with 503. */
record SandboxSettings(Double failureRate, Long latencyMs) {

    static final SandboxSettings NONE = new SandboxSettings(0.0, 0L);
    // a cap, so that one request cannot hold the server's threads for good
    static final long MAX_LATENCY_MS = 60_000;

    List<Problems.FieldError> errors() {
        List<Problems.FieldError> errors = new ArrayList<>();
        if (failureRate == null || failureRate.isNaN() || failureRate < 0.0 || failureRate > 1.0) {
            errors.add(new Problems.FieldError("failureRate", "must be between 0.0 and 1.0"));
        }
        if (latencyMs == null || latencyMs < 0 || latencyMs > MAX_LATENCY_MS) {
            errors.add(new Problems.FieldError("latencyMs", "must be between 0 and " + MAX_LATENCY_MS));
        }
        return errors;
    }
}
