package org.orderplatform.sandbox.payments;

import io.swagger.v3.oas.annotations.Hidden;
import java.util.List;
import org.orderplatform.web.problem.ProblemException;
import org.orderplatform.web.problem.Problems;
import org.orderplatform.web.problem.StandardProblem;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Fault injection at run time: make the sandbox slow or failing, from curl or a test. */
// a local stand-in for the payment provider, not part of the platform's API (docs/sagas.md)
@Hidden
@RestController
@SandboxEnabled
@RequestMapping(path = "/sandbox/payments/settings", produces = MediaType.APPLICATION_JSON_VALUE)
class SandboxSettingsController {

    private final FaultInjection faults;

    SandboxSettingsController(FaultInjection faults) {
        this.faults = faults;
    }

    @GetMapping
    SandboxSettings current() {
        return faults.settings();
    }

    @PutMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    SandboxSettings change(@RequestBody SandboxSettings settings) {
        List<Problems.FieldError> errors = settings.errors();
        if (!errors.isEmpty()) {
            ProblemDetail problem = Problems.detail(
                    StandardProblem.MALFORMED_REQUEST,
                    errors.size() == 1
                            ? errors.get(0).field() + " " + errors.get(0).message()
                            : errors.size() + " settings are out of range");
            problem.setProperty("errors", errors);
            throw new ProblemException(problem);
        }
        return faults.change(settings);
    }

    @PostMapping("/reset")
    SandboxSettings reset() {
        return faults.change(SandboxSettings.NONE);
    }
}
