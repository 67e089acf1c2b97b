package org.orderplatform.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.orderplatform.OrderPlatformApplication;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

/**
 * Base of the tests that run the order fulfilment saga: the whole application with the saga on,
 * the HTTP payment adapter with its retry and circuit breaker, and the sandbox provider of this
 * same application over loopback, on a real PostgreSQL and Kafka. Short timings (payment timeout
 * 15 s, retry every 500 ms, breaker open for 1 s) let the timeout and recovery paths run within a
 * test. Every subclass has the same configuration, so they share one application context. Each
 * test uses its own products; the sandbox's faults and the breaker are reset around each.
 */
@SpringBootTest(
        classes = {OrderPlatformApplication.class, TestSpans.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "orders.embedded.ephemeral=true",
            "orders.admin.api-key=" + PlatformIT.ADMIN_KEY,
            "orders.fulfilment.payment-timeout=15s",
            "orders.fulfilment.payment-retry-interval=500ms",
            "resilience4j.circuitbreaker.instances.payment-provider.wait-duration-in-open-state=1s"
        })
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
// tracing on (Boot turns it off in tests): DeadlineCorrelationIT follows a trace across a deadline
@AutoConfigureObservability(metrics = false)
abstract class FulfilmentPlatformIT {

    static final Duration PATIENCE = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CircuitBreakerRegistry circuitBreakers;

    @BeforeEach
    @AfterEach
    void healthyProviderAndClosedBreaker() {
        assertThat(api().post("/sandbox/payments/settings/reset").send().status())
                .isEqualTo(200);
        breaker().reset();
    }

    Api api() {
        return new Api(port);
    }

    CircuitBreaker breaker() {
        return circuitBreakers.circuitBreaker("payment-provider");
    }

    void injectFailures(double failureRate) {
        sandboxSettings(failureRate, 0);
    }

    void injectLatency(long latencyMs) {
        sandboxSettings(0.0, latencyMs);
    }

    void sandboxSettings(double failureRate, long latencyMs) {
        Api.Response response = api().put("/sandbox/payments/settings")
                .json(Map.of("failureRate", failureRate, "latencyMs", latencyMs))
                .send();
        assertThat(response.status()).isEqualTo(200);
    }

    /** Registers a product of its own for the test, with this much stock, and answers its SKU. */
    String product(int stock) {
        String sku = "SKU-" + UUID.randomUUID().toString().substring(0, 8);
        ObjectNode body = Api.JSON
                .createObjectNode()
                .put("sku", sku)
                .put("name", "Test product " + sku)
                .put("initialStock", stock);
        Api.Response response = api().admin("POST", "/admin/products")
                .idempotencyKey()
                .json(body)
                .send();
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return sku;
    }

    Map<String, Long> stock(String sku) {
        JsonNode view = api().admin("GET", "/admin/products/" + sku).send().json();
        return Map.of(
                "available",
                view.get("available").asLong(),
                "reserved",
                view.get("reserved").asLong());
    }

    static ObjectNode line(String sku, int quantity) {
        return OrderJson.line(sku, quantity, 1000);
    }

    String place(String paymentToken, ObjectNode... lines) {
        ObjectNode order = OrderJson.valid().put("paymentToken", paymentToken);
        order.putArray("lines").addAll(List.of(lines));
        return api().placeOrder(order).json().get("orderId").asText();
    }

    String status(String orderId) {
        Api.Response response = api().get("/api/v1/orders/" + orderId).send();
        return response.status() == 200 ? response.json().get("status").asText() : "NOT_YET_READ";
    }

    JsonNode awaitStatus(String orderId, String status) {
        return await().atMost(PATIENCE)
                .until(
                        () -> api().get("/api/v1/orders/" + orderId).send(),
                        response -> response.status() == 200
                                && response.json().get("status").asText().equals(status))
                .json();
    }

    /** The payment's events, by type, in order. */
    List<String> paymentEvents(String orderId) {
        return StoredEvents.typesOf(jdbc, "payment:" + orderId);
    }

    boolean sagaRunning(String orderId) {
        Integer associations = jdbc.queryForObject(
                "SELECT count(*) FROM association_value_entry WHERE association_key = 'orderId' "
                        + "AND association_value = ?",
                Integer.class,
                orderId);
        return associations > 0;
    }
}
