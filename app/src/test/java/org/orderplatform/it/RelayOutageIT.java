package org.orderplatform.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.orderplatform.OrderPlatformApplication;
import org.orderplatform.embedded.EmbeddedKafkaServer;
import org.orderplatform.webhooks.relay.RecordHeaders;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The event store is the outbox: with the broker stopped, orders are still taken; once it is
 * back, every event reaches the topic (seen once per event id, in each order's own order). The
 * broker is a real one of this test's, on a fixed port, stopped and started again on the same
 * log directory.
 */
@SpringBootTest(
        classes = {OrderPlatformApplication.class, RelayOutageIT.StopBroker.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "orders.embedded.ephemeral=true",
            "orders.admin.api-key=" + PlatformIT.ADMIN_KEY,
            "orders.fulfilment.enabled=false",
            "orders.webhooks.dispatcher.enabled=false",
            "orders.webhooks.relay.send-timeout=3s",
            "orders.webhooks.relay.metadata-timeout=2s",
            "orders.health.kafka-timeout=1s"
        })
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
@DirtiesContext
class RelayOutageIT {

    private static final Path LOG_DIR = tempDir();
    private static final int PORT = freePort();
    private static volatile EmbeddedKafkaServer broker = EmbeddedKafkaServer.start(LOG_DIR, PORT);

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", () -> "localhost:" + PORT);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void ordersAreTakenWhileKafkaIsDownAndEveryEventReachesTheTopicOnceItIsBack() {
        Api api = new Api(port);
        List<String> orders = new ArrayList<>();
        orders.add(api.placeOrder());
        try (TopicReader topic = new TopicReader()) {
            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> topic.read().containsKey(orders.get(0)));

            broker.close();
            for (int i = 0; i < 8; i++) {
                String orderId = api.placeOrder();
                orders.add(orderId);
                if (i % 2 == 0) {
                    Api.Response cancelled = api.post("/api/v1/orders/" + orderId + "/cancellation")
                            .idempotencyKey()
                            .ifMatch("\"0\"")
                            .send();
                    assertThat(cancelled.status()).isLessThan(300);
                }
            }
            assertThat(api.get("/actuator/health/readiness").send().status()).isEqualTo(200);
            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> api.get("/actuator/health")
                                    .send()
                                    .json()
                                    .at("/components/relay/details/lag")
                                    .asLong()
                            > 0);
            assertThat(api.get("/actuator/health")
                            .send()
                            .json()
                            .at("/components/kafka/status")
                            .asText())
                    .isEqualTo("DOWN");

            broker = EmbeddedKafkaServer.start(LOG_DIR, PORT);

            Awaitility.await()
                    .atMost(Duration.ofSeconds(90))
                    .until(() -> topic.read().keySet().containsAll(orders));
            for (int i = 0; i < orders.size(); i++) {
                String orderId = orders.get(i);
                List<String> expected = eventIds(orderId);
                Awaitility.await()
                        .atMost(Duration.ofSeconds(30))
                        .until(() -> topic.read().get(orderId).size() == expected.size());
                // once per event id, in the order the events happened
                assertThat(topic.read().get(orderId)).as(orderId).containsExactlyElementsOf(expected);
            }
        }
    }

    /** The order's events as the store holds them, in order. */
    private List<String> eventIds(String orderId) {
        return jdbc.queryForList(
                "SELECT event_identifier FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number",
                String.class,
                orderId);
    }

    /** Reads the topic from its start; keeps, per order, the event ids in first-seen order (duplicates dropped). */
    private static final class TopicReader implements AutoCloseable {
        private final KafkaConsumer<String, String> consumer;
        private final Map<String, List<String>> byOrder = new LinkedHashMap<>();

        TopicReader() {
            consumer = TopicConsumer.of("localhost:" + PORT, "orders.events.v1");
        }

        Map<String, List<String>> read() {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                String eventId = RecordHeaders.read(record.headers(), RecordHeaders.EVENT_ID);
                JsonNode value = json(record.value());
                assertThat(value.get("id").asText()).isEqualTo(eventId);
                assertThat(record.key()).isEqualTo(value.get("orderId").asText());
                List<String> ids = byOrder.computeIfAbsent(record.key(), key -> new ArrayList<>());
                if (!ids.contains(eventId)) {
                    ids.add(eventId);
                }
            }
            return byOrder;
        }

        @Override
        public void close() {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    /** Stops this test's broker when its application context closes (after the application's clients). */
    @TestConfiguration(proxyBeanMethods = false)
    static class StopBroker {
        @Bean
        DisposableBean stopTestBroker() {
            return () -> broker.close();
        }
    }

    private static JsonNode json(String text) {
        try {
            return Api.JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("relay-outage-kafka");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
