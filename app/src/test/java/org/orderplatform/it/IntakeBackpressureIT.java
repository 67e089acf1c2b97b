package org.orderplatform.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The intake bulkhead (16 changes at once by default): requests held in flight fill it; the next
 * change gets 503 with Retry-After at once, reads still work, and readiness is DOWN until the held
 * requests finish.
 */
class IntakeBackpressureIT extends PlatformIT {

    private static final int LIMIT = 16;

    @Test
    void aSaturatedNodeRefusesChangesAtOnceAndLeavesTheLoadBalancerUntilItDrains() throws Exception {
        TestProbes.resetHold();
        ExecutorService clients = Executors.newFixedThreadPool(LIMIT);
        try {
            List<Future<Api.Response>> held = new ArrayList<>();
            for (int i = 0; i < LIMIT; i++) {
                held.add(clients.submit(
                        () -> api().post("/api/test/hold").idempotencyKey().send()));
            }
            // every permit taken (readiness turns at 90 %, before the last one is)
            Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> api().get("/actuator/health/readiness")
                                    .send()
                                    .json()
                                    .at("/components/intake/details/inUse")
                                    .asInt()
                            == LIMIT);
            assertThat(api().get("/actuator/health/readiness").send().status()).isEqualTo(503);

            Api.Response refused = api().post("/api/v1/orders")
                    .idempotencyKey()
                    .json(OrderJson.valid())
                    .send();
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.problemType()).isEqualTo("service-busy");
            assertThat(refused.header("Retry-After")).isEqualTo("1");
            assertThat(api().get("/api/v1/orders?customerId=customer-42&limit=1")
                            .send()
                            .status())
                    .as("reads are not limited by the intake bulkhead")
                    .isEqualTo(200);
            assertThat(api().get("/actuator/health/readiness")
                            .send()
                            .json()
                            .at("/components/intake/status")
                            .asText())
                    .isEqualTo("OUT_OF_SERVICE");

            TestProbes.release.countDown();
            for (Future<Api.Response> request : held) {
                assertThat(request.get().status()).isEqualTo(200);
            }
            Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> api().get("/actuator/health/readiness").send().status() == 200);
            assertThat(api().post("/api/v1/orders")
                            .idempotencyKey()
                            .json(OrderJson.valid())
                            .send()
                            .status())
                    .isEqualTo(201);
        } finally {
            TestProbes.release.countDown();
            clients.shutdownNow();
        }
    }
}
