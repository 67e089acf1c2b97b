package org.orderplatform.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.orderplatform.OrderPlatformApplication;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.kafka.KafkaConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

/**
 * The dispatcher under faults and load, fed straight from the topic (events produced here, some
 * twice): receivers that fail half the time and sometimes hang past the timeout, and a slow
 * receiver behind thousands of events. Short retry schedule, small bounds, in a context of its own.
 */
@SpringBootTest(
        classes = OrderPlatformApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "orders.embedded.ephemeral=true",
            "orders.admin.api-key=" + PlatformIT.ADMIN_KEY,
            "orders.fulfilment.enabled=false",
            "orders.webhooks.dispatcher.retry-schedule=100ms,100ms,100ms,100ms,100ms,100ms",
            // long enough that an attempt is always on the wire before it times out, even on a
            // machine stalled for a moment: every attempt counted must reach the receiver
            "orders.webhooks.dispatcher.timeout=1s",
            "orders.webhooks.dispatcher.max-in-flight=" + WebhookFaultIT.MAX_IN_FLIGHT,
            "orders.webhooks.dispatcher.poll-interval=50ms",
            "orders.webhooks.dispatcher.max-poll-records=" + WebhookFaultIT.MAX_POLL_RECORDS,
            "orders.webhooks.dispatcher.pause-at=" + WebhookFaultIT.PAUSE_AT,
            "orders.webhooks.dispatcher.resume-at=50",
            "orders.webhooks.endpoint.max-concurrency=8",
            "orders.webhooks.endpoint.rate-per-second=10000",
            // breakers open now and then (not all the time, at a 55 % failure rate)
            "orders.webhooks.endpoint.breaker-failure-rate=75",
            "orders.webhooks.endpoint.breaker-open-for=200ms"
        })
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
class WebhookFaultIT {

    static final int MAX_IN_FLIGHT = 16;
    static final int MAX_POLL_RECORDS = 50;
    static final int PAUSE_AT = 100;
    private static final int ATTEMPTS = 7;

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    KafkaConnectionDetails kafka;

    private final WebhookReceiver receiver = new WebhookReceiver();
    private final List<String> created = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        created.forEach(id ->
                api().method("DELETE", "/api/v1/webhook-subscriptions/" + id).send());
        receiver.close();
    }

    @Test
    void noDeliveryIsLostWhenReceiversFailAndHang() {
        String a = subscribe("a");
        String b = subscribe("b");
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        receiver.answer(request -> {
            double roll = ThreadLocalRandom.current().nextDouble();
            if (roll < 0.1) {
                return new WebhookReceiver.Reply(200, Map.of(), 2500); // answers after the client gave up
            }
            if (roll < 0.55) {
                return WebhookReceiver.Reply.status(500);
            }
            accepted.add(request.path() + " " + request.webhookId());
            return WebhookReceiver.Reply.status(200);
        });
        List<String> events = produce(500, 50);

        Awaitility.await()
                .atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> settled(events) == 1000);

        assertThat(count("SELECT count(*) FROM webhook_delivery WHERE event_id = ANY (?)", events))
                .as("one delivery per (subscription, event), duplicates on the topic included")
                .isEqualTo(1000);
        for (String[] subscription : new String[][] {{a, "a"}, {b, "b"}}) {
            Map<String, List<WebhookReceiver.Received>> requests = receiver.byWebhookId(subscription[1]);
            assertThat(requests.keySet())
                    .as("every event reached the receiver")
                    .containsExactlyInAnyOrderElementsOf(events);
            List<Map<String, Object>> rows = jdbc.queryForList(
                    "SELECT event_id, status, attempts FROM webhook_delivery WHERE subscription_id = ?::uuid",
                    subscription[0]);
            for (Map<String, Object> row : rows) {
                String eventId = (String) row.get("event_id");
                int attempts = (Integer) row.get("attempts");
                // every attempt carried the same webhook-id (the event's), and none went unrecorded
                assertThat(requests.get(eventId)).as(eventId).hasSize(attempts);
                if (row.get("status").equals("DELIVERED")) {
                    assertThat(accepted).contains("/" + subscription[1] + " " + eventId);
                } else {
                    assertThat(row.get("status")).isEqualTo("DEAD");
                    assertThat(attempts).isEqualTo(ATTEMPTS);
                }
            }
        }
        assertThat(count(
                        "SELECT count(*) FROM webhook_delivery d JOIN webhook_dead_letter l ON l.delivery_id = d.id"
                                + " WHERE d.event_id = ANY (?)",
                        events))
                .isEqualTo(count(
                        "SELECT count(*) FROM webhook_delivery WHERE status = 'DEAD' AND event_id = ANY (?)", events));
    }

    @Test
    void aSlowReceiverPausesTheConsumerAndKeepsWorkBounded() {
        subscribe("slow");
        receiver.answer(request -> new WebhookReceiver.Reply(204, Map.of(), 20));
        AtomicInteger mostUnsent = new AtomicInteger();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(
                () -> mostUnsent.accumulateAndGet(
                        jdbc.queryForObject(
                                "SELECT count(*) FROM webhook_delivery WHERE status = 'PENDING' AND attempts = 0",
                                Integer.class),
                        Math::max),
                0,
                20,
                TimeUnit.MILLISECONDS);
        try {
            List<String> events = produce(2000, 0);

            Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> webhooksHealth().get("pauses").asInt() > 0);
            Awaitility.await()
                    .atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> count(
                                    "SELECT count(*) FROM webhook_delivery WHERE status = 'DELIVERED' AND event_id = ANY (?)",
                                    events)
                            == events.size());

            JsonNode health = webhooksHealth();
            assertThat(health.get("consumerPaused").asBoolean()).isFalse();
            assertThat(health.get("pauses").asInt()).isPositive();
            assertThat(health.get("resumes").asInt()).isPositive();
            assertThat(health.get("mostInFlight").asInt()).isBetween(1, MAX_IN_FLIGHT);
            // the table holds at most one batch beyond the bound: the rest waited in Kafka
            assertThat(mostUnsent.get()).isBetween(1, PAUSE_AT + MAX_POLL_RECORDS);
        } finally {
            sampler.shutdownNow();
        }
    }

    private int settled(List<String> events) {
        return count("SELECT count(*) FROM webhook_delivery WHERE status <> 'PENDING' AND event_id = ANY (?)", events);
    }

    private int count(String sql, List<String> events) {
        return jdbc.query(sql, ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", events.toArray())), rs -> {
            rs.next();
            return rs.getInt(1);
        });
    }

    private JsonNode webhooksHealth() {
        return api().get("/actuator/health/webhooks").send().json().get("details");
    }

    /** Produces {@code events} integration events, the first {@code duplicates} of them twice. */
    private List<String> produce(int events, int duplicates) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", kafka.getBootstrapServers()));
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        List<String> ids = new ArrayList<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            List<ProducerRecord<String, String>> records = new ArrayList<>();
            for (int i = 0; i < events; i++) {
                String id = UUID.randomUUID().toString();
                String orderId = UUID.randomUUID().toString();
                ids.add(id);
                records.add(new ProducerRecord<>(
                        "orders.events.v1",
                        orderId,
                        "{\"id\":\"" + id + "\",\"type\":\"order.placed\",\"version\":1,\"occurredAt\":\""
                                + Instant.now() + "\",\"orderId\":\"" + orderId + "\",\"data\":{}}"));
            }
            records.forEach(producer::send);
            records.subList(0, duplicates).forEach(producer::send);
            producer.flush();
        }
        assertThat(new HashSet<>(ids)).hasSize(events);
        return ids;
    }

    private String subscribe(String path) {
        Api.Response response = api().post("/api/v1/webhook-subscriptions")
                .idempotencyKey()
                .json(Map.of("url", receiver.url(path), "eventTypes", List.of("order.placed")))
                .send();
        assertThat(response.status()).isEqualTo(201);
        String id = response.json().get("id").asText();
        created.add(id);
        return id;
    }

    private Api api() {
        return new Api(port);
    }
}
