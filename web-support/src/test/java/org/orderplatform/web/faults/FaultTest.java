package org.orderplatform.web.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.orderplatform.web.problem.ProblemException;
import org.springframework.http.ProblemDetail;

class FaultTest {

    @Test
    void anEmptyFaultIsHarmlessAndCoversTheApi() {
        Fault fault = new Fault(null, null, null, null, null, null).complete();

        assertThat(fault).isEqualTo(new Fault("/api/", List.of(), 0.0, 503, 0, false));
        assertThat(fault.matches("GET", "/api/v1/orders")).isTrue();
        assertThat(fault.matches("GET", "/admin/cluster")).isFalse();
        assertThat(InjectedFaults.fails(fault)).isFalse();
    }

    @Test
    void methodsNarrowTheFaultAndAreReadInAnyCase() {
        Fault fault = new Fault("/api/v1/orders", List.of("post"), 1.0, 500, 10, true).complete();

        assertThat(fault.matches("POST", "/api/v1/orders")).isTrue();
        assertThat(fault.matches("GET", "/api/v1/orders")).isFalse();
        assertThat(InjectedFaults.fails(fault)).isTrue();
    }

    @Test
    void everyFieldThatBreaksTheRulesIsNamed() {
        Fault bad = new Fault("api", List.of("FETCH"), 1.5, 404, 60_001, null);

        assertThatThrownBy(bad::complete).isInstanceOfSatisfying(ProblemException.class, refused -> {
            ProblemDetail problem = refused.getBody();
            assertThat(problem.getStatus()).isEqualTo(422);
            assertThat(problem.getProperties().get("errors").toString())
                    .contains("pathPrefix", "methods", "errorRate", "status", "latencyMillis");
        });
        assertThatThrownBy(new Fault(null, null, Double.NaN, null, -1, null)::complete)
                .isInstanceOf(ProblemException.class);
        assertThatThrownBy(
                        new Fault("/api/\u0000", java.util.Arrays.asList((String) null), null, null, null, null)
                                ::complete)
                .isInstanceOf(ProblemException.class);
    }
}
