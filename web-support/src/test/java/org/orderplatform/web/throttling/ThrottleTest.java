package org.orderplatform.web.throttling;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.orderplatform.web.problem.ProblemResponseWriter;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class ThrottleTest {

    private final ManualClock clock = new ManualClock();
    private final InMemoryBucketRows rows = new InMemoryBucketRows(clock);

    @Test
    void everyAnswerSaysWhatIsLeftAndTheOneOverTheLimitIs429WithRetryAfter() throws Exception {
        Throttle throttle = throttle(3, 0);
        for (int left = 2; left >= 0; left--) {
            MockHttpServletResponse response = new MockHttpServletResponse();
            assertThat(throttle.allow("key:a", "client", request(), response)).isTrue();
            assertThat(response.getHeader("RateLimit-Policy")).isEqualTo("\"client\";q=3;w=60");
            assertThat(response.getHeader("RateLimit")).startsWith("\"client\";r=" + left + ";t=");
        }

        MockHttpServletResponse refused = new MockHttpServletResponse();
        assertThat(throttle.allow("key:a", "client", request(), refused)).isFalse();

        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(refused.getContentType()).isEqualTo("application/problem+json");
        assertThat(refused.getContentAsString()).contains("too-many-requests");
        assertThat(Long.parseLong(refused.getHeader("Retry-After"))).isBetween(1L, 60L);
        assertThat(refused.getHeader("RateLimit")).startsWith("\"client\";r=0;");
    }

    @Test
    void anUnreachableBucketStoreLetsRequestsThroughAndThrottlingResumesWithIt() throws Exception {
        Throttle throttle = throttle(20, 0.1); // 2 tokens may be granted locally
        rows.unreachable = true;
        for (int i = 0; i < 30; i++) {
            MockHttpServletResponse response = new MockHttpServletResponse();
            assertThat(throttle.allow("key:a", "client", request(), response)).isTrue();
            assertThat(response.getStatus()).isEqualTo(200);
        }

        rows.unreachable = false;
        int granted = 0;
        for (int i = 0; i < 100; i++) {
            if (throttle.allow("key:a", "client", request(), new MockHttpServletResponse())) {
                granted++;
            }
        }

        assertThat(granted)
                .as("what went through unrecorded is not held against the client")
                .isEqualTo(20);
    }

    private Throttle throttle(long limit, double share) {
        ThrottlingProperties properties = new ThrottlingProperties(
                true,
                Map.of("client", new ThrottlingProperties.Plan(limit, Duration.ofMinutes(1))),
                share,
                Duration.ofSeconds(1),
                100,
                Duration.ofMinutes(10));
        return new Throttle(
                new ClientBuckets(rows, properties, clock, Runnable::run),
                properties,
                new ProblemResponseWriter(new ObjectMapper()),
                new SimpleMeterRegistry());
    }

    private static MockHttpServletRequest request() {
        return new MockHttpServletRequest("GET", "/api/v1/orders");
    }
}
