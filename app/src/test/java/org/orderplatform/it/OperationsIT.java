package org.orderplatform.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

/** What operators and API consumers rely on: health probes, the API document, the storage set-up. */
class OperationsIT extends PlatformIT {

    @Autowired
    EventStorageEngine storageEngine;

    @Autowired
    @Qualifier("eventSerializer")
    Serializer eventSerializer;

    @Autowired
    Serializer serializer;

    @Test
    void readinessIncludesTheDatabaseButNotKafka() {
        Api.Response response = api().get("/actuator/health/readiness").send();

        assertThat(response.status()).isEqualTo(200);
        JsonNode health = response.json();
        assertThat(health.get("status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/db/status").asText()).isEqualTo("UP");
        // orders are taken while Kafka is away: it must not take the node out of the load balancer
        assertThat(health.at("/components/kafka").isMissingNode()).isTrue();
    }

    @Test
    void healthReportsKafkaAndTheRelaysLag() {
        JsonNode health = api().get("/actuator/health").send().json();

        assertThat(health.at("/components/kafka/status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/kafka/details/brokers").asInt()).isEqualTo(1);
        assertThat(health.at("/components/relay/status").asText()).isEqualTo("UP");
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> api().get("/actuator/health")
                        .send()
                        .json()
                        .at("/components/relay/details/lag")
                        .isNumber());
    }

    @Test
    void livenessIsUp() {
        Api.Response response = api().get("/actuator/health/liveness").send();

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("status").asText()).isEqualTo("UP");
    }

    @Test
    void theOpenApiDocumentDescribesTheCommandApi() {
        Api.Response response = api().get("/v3/api-docs").send();

        assertThat(response.status()).isEqualTo(200);
        JsonNode paths = response.json().get("paths");
        assertThat(paths.has("/api/v1/orders")).isTrue();
        assertThat(paths.has("/api/v1/orders/{orderId}/shipping-address")).isTrue();
        assertThat(paths.has("/api/v1/orders/{orderId}")).isTrue();
        assertThat(paths.has("/api/v1/customers/{customerId}/order-stats")).isTrue();
        assertThat(paths.has("/admin/projections/{name}/rebuild")).isTrue();
        assertThat(paths.has("/api/v1/orders/{orderId}/cancellation")).isTrue();
        List<String> placeHeaders = new ArrayList<>();
        paths.at("/~1api~1v1~1orders/post/parameters").forEach(p -> {
            if (p.get("required").asBoolean()) {
                placeHeaders.add(p.get("name").asText());
            }
        });
        assertThat(placeHeaders).contains("Idempotency-Key");
    }

    @Test
    void swaggerUiIsServed() {
        assertThat(api().get("/swagger-ui.html").send().status()).isEqualTo(302);
        assertThat(api().get("/swagger-ui/index.html").send().status()).isEqualTo(200);
    }

    @Test
    void eventsGoToPostgresThroughAxonsJdbcEngineWithJacksonAndNoAxonServer() {
        assertThat(storageEngine).isInstanceOf(JdbcEventStorageEngine.class);
        assertThat(eventSerializer).isInstanceOf(JacksonSerializer.class);
        assertThat(serializer).isInstanceOf(JacksonSerializer.class);
        assertThatThrownBy(() -> Class.forName("org.axonframework.axonserver.connector.AxonServerConfiguration"))
                .isInstanceOf(ClassNotFoundException.class);
    }
}
