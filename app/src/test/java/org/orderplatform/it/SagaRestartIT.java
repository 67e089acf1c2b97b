package org.orderplatform.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.kagkarlsson.scheduler.Scheduler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderplatform.OrderPlatformApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A saga in the middle of its work survives a restart: the platform stops while an order waits for
 * a payment the provider cannot give, and the payment deadline, stored in PostgreSQL, fires in the
 * next run of the platform and compensates the order.
 */
class SagaRestartIT {

    private static final String SKU = "SKU-RESTART";

    @TempDir
    Path dataDir;

    @Test
    void thePaymentDeadlineFiresAfterARestart() {
        String orderId;
        try (ConfigurableApplicationContext first = start()) {
            Api api = api(first);
            ObjectNode product = Api.JSON
                    .createObjectNode()
                    .put("sku", SKU)
                    .put("name", "Restart test product")
                    .put("initialStock", 5);
            assertThat(api.admin("POST", "/admin/products")
                            .idempotencyKey()
                            .json(product)
                            .send()
                            .status())
                    .isEqualTo(201);
            ObjectNode order = OrderJson.valid().put("paymentToken", "tok_unavailable");
            order.putArray("lines").add(OrderJson.line(SKU, 2, 1000));
            orderId = api.placeOrder(order).json().get("orderId").asText();

            // stock reserved, the provider answered "unavailable": the saga now waits on deadlines
            JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
            String paymentId = "payment:" + orderId;
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> events(jdbc, paymentId).contains("PaymentAuthorizationFailed"));
            assertThat(jdbc.queryForObject("SELECT count(*) FROM scheduled_tasks", Integer.class))
                    .as("the payment timeout and retry deadlines, stored")
                    .isPositive();
            // From here on this run fires no deadline, however long it takes to stop.
            first.getBean(Scheduler.class).stop();
            assertThat(events(jdbc, orderId)).containsExactly("OrderPlaced");
        }

        try (ConfigurableApplicationContext second = start()) {
            Api api = api(second);
            JsonNode cancelled = await().atMost(Duration.ofSeconds(30))
                    .until(
                            () -> api.get("/api/v1/orders/" + orderId).send().json(),
                            order -> "CANCELLED".equals(order.path("status").asText()));

            assertThat(cancelled.at("/cancellation/reason").asText()).isEqualTo("PAYMENT_TIMEOUT");
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                JsonNode stock =
                        api.admin("GET", "/admin/products/" + SKU).send().json();
                assertThat(stock.get("available").asLong()).isEqualTo(5);
                assertThat(stock.get("reserved").asLong()).isZero();
            });
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(OrderPlatformApplication.class)
                .run(
                        "--server.port=0",
                        "--spring.datasource.url=",
                        "--spring.kafka.bootstrap-servers=",
                        "--orders.embedded.data-dir=" + dataDir,
                        "--orders.admin.api-key=" + PlatformIT.ADMIN_KEY,
                        "--orders.fulfilment.payment-timeout=8s",
                        "--orders.fulfilment.payment-retry-interval=1s");
    }

    private static List<String> events(JdbcTemplate jdbc, String aggregateId) {
        return StoredEvents.typesOf(jdbc, aggregateId);
    }

    private static Api api(ConfigurableApplicationContext context) {
        return new Api(((WebServerApplicationContext) context).getWebServer().getPort());
    }
}
