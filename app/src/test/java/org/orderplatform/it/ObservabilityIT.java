package org.orderplatform.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The meters and health components an operator relies on, as Prometheus and the probes show them. */
class ObservabilityIT extends PlatformIT {

    @Test
    void metersShowCommandsHttpLatencyAndProcessorLag() {
        api().placeOrder();
        api().post("/api/v1/orders/00000000-0000-4000-8000-000000000000/cancellation")
                .idempotencyKey()
                .ifMatch("\"0\"")
                .send();

        // metrics are an admin's
        assertThat(Api.anonymous(port).get("/actuator/metrics").send().status()).isEqualTo(401);
        assertThat(Api.anonymous(port).get("/actuator/prometheus").send().status())
                .isEqualTo(401);
        // the test context keeps meters in the simple registry (Boot turns exporters off in
        // tests): read them through /actuator/metrics, which /actuator/prometheus mirrors
        assertThat(count("orders.commands?tag=type:PlaceOrderCommand&tag=outcome:success"))
                .isPositive();
        JsonNode failed = metric("orders.commands?tag=type:CancelOrderByCustomerCommand");
        List<String> outcomes = new ArrayList<>();
        failed.get("availableTags").forEach(tag -> {
            if (tag.get("tag").asText().equals("outcome")) {
                tag.get("values").forEach(value -> outcomes.add(value.asText()));
            }
        });
        assertThat(outcomes)
                .isNotEmpty()
                .allSatisfy(outcome -> assertThat(outcome).endsWith("Exception"));
        assertThat(count("http.server.requests?tag=uri:/api/v1/orders")).isPositive();
        assertThat(metric("orders.processor.lag?tag=processor:order-summary").has("measurements"))
                .isTrue();
        assertThat(metric("orders.processor.lag?tag=processor:kafka-relay").has("measurements"))
                .isTrue();
        assertThat(metric("orders.intake.in_use").has("measurements")).isTrue();
        assertThat(metric("orders.webhooks.dlq.size").has("measurements")).isTrue();
    }

    private JsonNode metric(String nameAndTags) {
        Api.Response response = api().get("/actuator/metrics/" + nameAndTags).send();
        assertThat(response.status()).as(nameAndTags).isEqualTo(200);
        return response.json();
    }

    private double count(String nameAndTags) {
        for (JsonNode measurement : metric(nameAndTags).get("measurements")) {
            if (measurement.get("statistic").asText().equals("COUNT")) {
                return measurement.get("value").asDouble();
            }
        }
        return 0;
    }

    @Test
    void readinessIncludesProjectionLagAndIntake() {
        // the components are details: for an admin key only (probes see the status)
        JsonNode readiness =
                new Api(port).get("/actuator/health/readiness").send().json();
        JsonNode probe =
                Api.anonymous(port).get("/actuator/health/readiness").send().json();

        assertThat(probe.get("status").asText()).isEqualTo("UP");
        assertThat(probe.has("components")).isFalse();
        assertThat(readiness.at("/components/projections/status").asText()).isEqualTo("UP");
        assertThat(readiness.at("/components/projections/details/maxLag").asLong())
                .isEqualTo(10000);
        assertThat(readiness.at("/components/intake/status").asText()).isEqualTo("UP");
    }
}
