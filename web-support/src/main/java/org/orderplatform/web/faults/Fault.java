package org.orderplatform.web.faults;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.orderplatform.web.problem.ProblemException;
import org.orderplatform.web.problem.Problems;

/**
 * What this node is told to do wrong, to the requests it matches.
 *
 * @param pathPrefix the requests whose path starts with this (default {@code /api/})
 * @param methods only these methods; empty: all
 * @param errorRate the share of matching requests answered with {@code status} (0 to 1)
 * @param status the error status: a 5xx
 * @param latencyMillis a delay before every matching request is handled (up to 60 s)
 * @param refuseTraffic readiness DOWN while the fault lasts (gossiped, so gateways stop routing)
 */
public record Fault(
        @Schema(example = "/api/", nullable = true) String pathPrefix,
        @Schema(example = "[\"POST\"]", nullable = true) List<String> methods,
        @Schema(example = "1.0", nullable = true) Double errorRate,
        @Schema(example = "503", nullable = true) Integer status,
        @Schema(example = "0", nullable = true) Integer latencyMillis,
        @Schema(example = "false", nullable = true) Boolean refuseTraffic) {

    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    static final int MAX_LATENCY_MILLIS = 60_000;

    /** The fault with its defaults filled in; a 422 naming the fields that break the rules. */
    Fault complete() {
        List<Problems.FieldError> errors = new ArrayList<>();
        String prefix = pathPrefix == null ? "/api/" : pathPrefix;
        if (!prefix.startsWith("/") || prefix.length() > 200 || prefix.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            errors.add(new Problems.FieldError("pathPrefix", "must be a path starting with /, up to 200 characters"));
        }
        List<String> verbs = methods == null
                ? List.of()
                : methods.stream()
                        .map(method -> method == null ? "" : method.toUpperCase(Locale.ROOT))
                        .toList();
        if (!METHODS.containsAll(verbs)) {
            errors.add(new Problems.FieldError("methods", "must be HTTP methods, of " + METHODS));
        }
        double rate = errorRate == null ? 0 : errorRate;
        if (!(rate >= 0 && rate <= 1)) {
            errors.add(new Problems.FieldError("errorRate", "must be from 0 to 1"));
        }
        int answer = status == null ? 503 : status;
        if (answer < 500 || answer > 599) {
            errors.add(new Problems.FieldError("status", "must be a 5xx status"));
        }
        int latency = latencyMillis == null ? 0 : latencyMillis;
        if (latency < 0 || latency > MAX_LATENCY_MILLIS) {
            errors.add(new Problems.FieldError("latencyMillis", "must be from 0 to " + MAX_LATENCY_MILLIS));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problems.validation(errors));
        }
        return new Fault(prefix, verbs, rate, answer, latency, refuseTraffic != null && refuseTraffic);
    }

    boolean matches(String method, String path) {
        return path.startsWith(pathPrefix) && (methods.isEmpty() || methods.contains(method));
    }
}
