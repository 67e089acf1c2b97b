package org.orderplatform.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.kafka.KafkaConnectionDetails;

/**
 * Deliveries end to end: a real order, the relay, the Kafka topic, the dispatcher, and a real HTTP
 * receiver on loopback that checks signatures with its own HMAC code. Retries run on the test
 * schedule (three more attempts, a second apart, ±20 %).
 */
class WebhookDeliveryIT extends PlatformIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    // No flow of this shared context refunds a payment: such a subscription gets only test events,
    // not the orders other tests place.
    private static final List<String> TEST_EVENTS_ONLY = List.of("payment.refunded");

    private final WebhookReceiver receiver = new WebhookReceiver();
    private final List<String> created = new ArrayList<>();

    @Autowired
    KafkaConnectionDetails kafka;

    @AfterEach
    void cleanUp() {
        created.forEach(id ->
                api().method("DELETE", "/api/v1/webhook-subscriptions/" + id).send());
        receiver.close();
    }

    @Test
    void deliversAPlacedOrderSignedWithTheStandardWebhooksHeaders() {
        Subscription subscription = subscribe("placed", List.of("order.placed"));

        String orderId = api().placeOrder();

        Awaitility.await()
                .atMost(PATIENCE)
                .until(() -> !forOrder("placed", orderId).isEmpty());
        WebhookReceiver.Received request = forOrder("placed", orderId).get(0);
        assertThat(request.signedBy(subscription.secret())).isZero();
        assertThat(request.contentType()).isEqualTo("application/json");
        assertThat(Long.parseLong(request.timestamp())).isPositive();
        assertThat(request.correlationId()).isNotBlank();
        String eventId = jdbc.queryForObject(
                "SELECT event_identifier FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 0",
                String.class,
                orderId);
        assertThat(request.webhookId()).isEqualTo(eventId);
        JsonNode body = json(request.body());
        assertThat(body.get("id").asText()).isEqualTo(eventId);
        assertThat(body.get("type").asText()).isEqualTo("order.placed");
        assertThat(body.get("version").asInt()).isEqualTo(1);
        assertThat(body.get("orderId").asText()).isEqualTo(orderId);
        assertThat(body.at("/data/customerId").asText()).isEqualTo("customer-42");
        assertThat(body.at("/data/paymentToken").isMissingNode()).isTrue();

        Awaitility.await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode log = api().get("/api/v1/webhook-subscriptions/" + subscription.id() + "/deliveries")
                    .send()
                    .json();
            JsonNode delivery = log.get("items").get(0);
            assertThat(delivery.get("webhookId").asText()).isEqualTo(eventId);
            assertThat(delivery.get("status").asText()).isEqualTo("DELIVERED");
            assertThat(delivery.at("/attempts/0/statusCode").asInt()).isEqualTo(204);
        });
    }

    @Test
    void onlyMatchingEventTypesAreDelivered() {
        subscribe("cancelled-only", List.of("order.cancelled"));

        String orderId = api().placeOrder();
        cancel(orderId);

        Awaitility.await()
                .atMost(PATIENCE)
                .until(() -> !forOrder("cancelled-only", orderId).isEmpty());
        assertThat(forOrder("cancelled-only", orderId))
                .extracting(request -> json(request.body()).get("type").asText())
                .containsOnly("order.cancelled");
    }

    @Test
    void duringARotationEachDeliveryCarriesTheOldAndTheNewSignature() {
        Subscription subscription = subscribe("rotating", TEST_EVENTS_ONLY);
        String newSecret = api().post("/api/v1/webhook-subscriptions/" + subscription.id() + "/secret/rotate")
                .idempotencyKey()
                .send()
                .json()
                .get("secret")
                .asText();

        String webhookId = sendTest(subscription.id());

        Awaitility.await()
                .atMost(PATIENCE)
                .until(() -> receiver.byWebhookId("rotating").containsKey(webhookId));
        WebhookReceiver.Received request =
                receiver.byWebhookId("rotating").get(webhookId).get(0);
        assertThat(request.signatureCount()).isEqualTo(2);
        assertThat(request.signedBy(newSecret)).isZero();
        assertThat(request.signedBy(subscription.secret())).isEqualTo(1);
    }

    @Test
    void retriesFailuresWithTheSameWebhookIdUntilTheReceiverTakesIt() {
        Subscription subscription = subscribe("flaky", TEST_EVENTS_ONLY);
        AtomicInteger calls = new AtomicInteger();
        receiver.answer(request -> WebhookReceiver.Reply.status(calls.incrementAndGet() <= 2 ? 500 : 200));
        String correlationId = "it-" + UUID.randomUUID();
        String traceId = UUID.randomUUID().toString().replace("-", "");

        Api.Response queued = api().post("/api/v1/webhook-subscriptions/" + subscription.id() + "/test")
                .idempotencyKey()
                .header("X-Correlation-Id", correlationId)
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .send();
        assertThat(queued.status()).isEqualTo(202);
        String webhookId = queued.json().get("webhookId").asText();

        Awaitility.await().atMost(PATIENCE).until(() -> "DELIVERED".equals(status(webhookId)));
        List<WebhookReceiver.Received> attempts = receiver.byWebhookId("flaky").get(webhookId);
        assertThat(attempts).hasSize(3);
        assertThat(attempts)
                .extracting(WebhookReceiver.Received::body)
                .containsOnly(attempts.get(0).body());
        // every attempt, the retries too, belongs to the request that queued the delivery
        assertThat(attempts).extracting(WebhookReceiver.Received::correlationId).containsOnly(correlationId);
        assertThat(attempts)
                .extracting(WebhookReceiver.Received::traceparent)
                .allMatch(traceparent -> traceparent != null && traceparent.startsWith("00-" + traceId + "-"));
        assertThat(jdbc.queryForList(
                        "SELECT a.status_code FROM webhook_delivery_attempt a JOIN webhook_delivery d ON d.id = a.delivery_id"
                                + " WHERE d.event_id = ? ORDER BY a.attempt",
                        Integer.class,
                        webhookId))
                .containsExactly(500, 500, 200);
    }

    @Test
    void schedulesEachRetryWithinTheJitterOfTheSchedule() {
        Subscription subscription = subscribe("jitter", TEST_EVENTS_ONLY);
        receiver.answer(request -> WebhookReceiver.Reply.status(503));

        String webhookId = sendTest(subscription.id());

        Awaitility.await().atMost(PATIENCE).until(() -> attemptsOf(webhookId) >= 1);
        Map<String, Object> row = jdbc.queryForMap(
                "SELECT last_attempt_at, next_attempt_at, status FROM webhook_delivery WHERE event_id = ?", webhookId);
        long waitMs = Duration.between(
                        ((Timestamp) row.get("last_attempt_at")).toInstant(),
                        ((Timestamp) row.get("next_attempt_at")).toInstant())
                .toMillis();
        // schedule 1s, jitter ±20 % (both times come from the database clock, in one statement)
        assertThat(waitMs).isBetween(800L, 1200L);
    }

    @Test
    void honoursRetryAfterOn429() {
        Subscription subscription = subscribe("throttled", TEST_EVENTS_ONLY);
        AtomicInteger calls = new AtomicInteger();
        receiver.answer(request -> calls.incrementAndGet() == 1
                ? new WebhookReceiver.Reply(429, Map.of("Retry-After", "3"), 0)
                : WebhookReceiver.Reply.status(204));

        String webhookId = sendTest(subscription.id());

        Awaitility.await().atMost(PATIENCE).until(() -> attemptsOf(webhookId) >= 1);
        Map<String, Object> row = jdbc.queryForMap(
                "SELECT last_attempt_at, next_attempt_at FROM webhook_delivery WHERE event_id = ?", webhookId);
        long waitMs = Duration.between(
                        ((Timestamp) row.get("last_attempt_at")).toInstant(),
                        ((Timestamp) row.get("next_attempt_at")).toInstant())
                .toMillis();
        assertThat(waitMs).as("3 s asked for, against a 1 s schedule").isEqualTo(3000L);
        Awaitility.await().atMost(PATIENCE).until(() -> "DELIVERED".equals(status(webhookId)));
    }

    @Test
    void a410DisablesTheSubscriptionAndDeadLettersTheDelivery() {
        Subscription subscription = subscribe("gone", TEST_EVENTS_ONLY);
        receiver.answer(request -> WebhookReceiver.Reply.status(410));

        String webhookId = sendTest(subscription.id());

        Awaitility.await().atMost(PATIENCE).until(() -> "DEAD".equals(status(webhookId)));
        JsonNode disabled = api().get("/api/v1/webhook-subscriptions/" + subscription.id())
                .send()
                .json();
        assertThat(disabled.get("status").asText()).isEqualTo("DISABLED");
        assertThat(disabled.get("disabledReason").asText()).contains("410");
        assertThat(receiver.received("gone")).hasSize(1);
        JsonNode letters = api().admin("GET", "/admin/webhooks/dead-letters?subscriptionId=" + subscription.id())
                .send()
                .json();
        assertThat(letters.at("/items/0/reason").asText()).contains("410 Gone");
    }

    @Test
    void deadLettersAfterTheLastAttemptPublishesToTheDlqTopicAndRedrivesWithTheSameWebhookId() {
        Subscription subscription = subscribe("down", TEST_EVENTS_ONLY);
        receiver.answer(request -> WebhookReceiver.Reply.status(500));

        String webhookId = sendTest(subscription.id());

        Awaitility.await().atMost(PATIENCE).until(() -> "DEAD".equals(status(webhookId)));
        assertThat(receiver.byWebhookId("down").get(webhookId)).hasSize(4); // the first and three retries
        JsonNode letters = api().admin("GET", "/admin/webhooks/dead-letters?subscriptionId=" + subscription.id())
                .send()
                .json();
        assertThat(letters.get("items")).hasSize(1);
        JsonNode letter = letters.get("items").get(0);
        assertThat(letter.get("webhookId").asText()).isEqualTo(webhookId);
        assertThat(letter.get("attempts").asInt()).isEqualTo(4);
        String deliveryId = letter.get("deliveryId").asText();
        assertThat(dlqRecordFor(deliveryId).get("event").get("id").asText()).isEqualTo(webhookId);

        receiver.answer(request -> WebhookReceiver.Reply.status(200));
        JsonNode redriven = api().admin("POST", "/admin/webhooks/dead-letters/redrive")
                .json(Map.of("deliveryIds", List.of(deliveryId)))
                .send()
                .json();

        assertThat(redriven.get("requeued").asInt()).isEqualTo(1);
        Awaitility.await().atMost(PATIENCE).until(() -> "DELIVERED".equals(status(webhookId)));
        assertThat(receiver.byWebhookId("down").get(webhookId)).hasSize(5);
        assertThat(api().admin("GET", "/admin/webhooks/dead-letters?subscriptionId=" + subscription.id())
                        .send()
                        .json()
                        .get("items"))
                .isEmpty();
    }

    @Test
    void anEndpointThatIsDownIsHeldBackAfterAFewAttemptsAndTheLogSaysWhy() {
        Subscription subscription = subscribe("dead-endpoint", TEST_EVENTS_ONLY);
        receiver.answer(request -> WebhookReceiver.Reply.status(500));

        for (int i = 0; i < 14; i++) {
            sendTest(subscription.id());
        }

        Awaitility.await()
                .atMost(PATIENCE)
                .until(() -> api()
                        .get("/api/v1/webhook-subscriptions/" + subscription.id() + "/deliveries?limit=100")
                        .send()
                        .json()
                        .findValuesAsText("heldBecause")
                        .stream()
                        .anyMatch(reason -> reason.startsWith(
                                "held back: the endpoint's circuit breaker is open (100 % of its last ")));
        // ten attempts open it; at most the few already under way (4 at once) follow
        assertThat(receiver.received("dead-endpoint")).hasSizeBetween(10, 14);
    }

    @Test
    void anEndpointFailingNowAndThenKeepsGettingItsDeliveries() {
        Subscription subscription = subscribe("flaky-endpoint", TEST_EVENTS_ONLY);
        // every other first attempt fails, every retry succeeds: half of the attempts in a window,
        // such as an endpoint failing 30 % at random reaches now and then (the old threshold of
        // half opened the breaker for 30 s on it)
        java.util.Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        AtomicInteger firsts = new AtomicInteger();
        receiver.answer(request -> seen.add(request.webhookId()) && firsts.incrementAndGet() % 2 == 1
                ? WebhookReceiver.Reply.status(503)
                : WebhookReceiver.Reply.status(204));

        List<String> webhookIds = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            webhookIds.add(sendTest(subscription.id()));
        }

        // within the retry schedule's 1 s, not after an open breaker's 30 s
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> webhookIds.stream().allMatch(id -> "DELIVERED".equals(status(id))));
        assertThat(jdbc.queryForObject(
                        "SELECT max(attempts) FROM webhook_delivery WHERE subscription_id = ?::uuid",
                        Integer.class,
                        subscription.id()))
                .as("each delivered at its first retry at the latest: never held back by the breaker")
                .isLessThanOrEqualTo(2);
    }

    @Test
    void redrivesEveryDeadLetterOfASubscription() {
        Subscription subscription = subscribe("down-many", TEST_EVENTS_ONLY);
        receiver.answer(request -> WebhookReceiver.Reply.status(410));
        String first = sendTest(subscription.id());
        Awaitility.await().atMost(PATIENCE).until(() -> "DEAD".equals(status(first)));
        api().post("/api/v1/webhook-subscriptions/" + subscription.id() + "/resume")
                .idempotencyKey()
                .send();
        String second = sendTest(subscription.id());
        Awaitility.await().atMost(PATIENCE).until(() -> "DEAD".equals(status(second)));
        api().post("/api/v1/webhook-subscriptions/" + subscription.id() + "/resume")
                .idempotencyKey()
                .send();

        receiver.answer(request -> WebhookReceiver.Reply.status(204));
        JsonNode redriven = api().admin("POST", "/admin/webhooks/dead-letters/redrive")
                .json(Map.of("subscriptionId", subscription.id()))
                .send()
                .json();

        assertThat(redriven.get("requeued").asInt()).isEqualTo(2);
        Awaitility.await()
                .atMost(PATIENCE)
                .until(() -> "DELIVERED".equals(status(first)) && "DELIVERED".equals(status(second)));
    }

    @Test
    void refusesARedriveThatNamesNothingOrBoth() {
        Api.Response neither = api().admin("POST", "/admin/webhooks/dead-letters/redrive")
                .json(Map.of())
                .send();
        assertThat(neither.status()).isEqualTo(400);
        assertThat(neither.problemType()).isEqualTo("webhook-redrive-invalid");
        Api.Response both = api().admin("POST", "/admin/webhooks/dead-letters/redrive")
                .json(Map.of(
                        "deliveryIds",
                        List.of("00000000-0000-0000-0000-000000000000"),
                        "subscriptionId",
                        "00000000-0000-0000-0000-000000000000"))
                .send();
        assertThat(both.status()).isEqualTo(400);
        assertThat(Api.anonymous(port)
                        .get("/admin/webhooks/dead-letters")
                        .send()
                        .status())
                .isEqualTo(401);
    }

    @Test
    void aPausedSubscriptionKeepsItsDeliveriesUntilResumed() {
        Subscription subscription = subscribe("paused", List.of());
        api().post("/api/v1/webhook-subscriptions/" + subscription.id() + "/pause")
                .idempotencyKey()
                .send();

        String webhookId = sendTest(subscription.id());
        String orderId = api().placeOrder();
        Awaitility.await()
                .atMost(PATIENCE)
                .until(() -> jdbc.queryForObject(
                                "SELECT count(*) FROM webhook_delivery WHERE subscription_id = ?::uuid AND order_id = ?",
                                Integer.class,
                                subscription.id(),
                                orderId)
                        == 1);
        assertThat(receiver.received("paused")).isEmpty();
        assertThat(status(webhookId)).isEqualTo("PENDING");

        api().post("/api/v1/webhook-subscriptions/" + subscription.id() + "/resume")
                .idempotencyKey()
                .send();

        Awaitility.await().atMost(PATIENCE).until(() -> "DELIVERED".equals(status(webhookId)));
        Awaitility.await()
                .atMost(PATIENCE)
                .until(() -> !forOrder("paused", orderId).isEmpty());
    }

    private record Subscription(String id, String secret) {}

    private Subscription subscribe(String path, List<String> types) {
        Api.Response response = api().post("/api/v1/webhook-subscriptions")
                .idempotencyKey()
                .json(Map.of("url", receiver.url(path), "eventTypes", types))
                .send();
        assertThat(response.status()).isEqualTo(201);
        String id = response.json().get("id").asText();
        created.add(id);
        return new Subscription(id, response.json().get("secret").asText());
    }

    private String sendTest(String subscriptionId) {
        Api.Response response = api().post("/api/v1/webhook-subscriptions/" + subscriptionId + "/test")
                .idempotencyKey()
                .send();
        assertThat(response.status()).isEqualTo(202);
        return response.json().get("webhookId").asText();
    }

    private void cancel(String orderId) {
        Api.Response response = api().post("/api/v1/orders/" + orderId + "/cancellation")
                .idempotencyKey()
                .ifMatch("\"0\"")
                .send();
        assertThat(response.status()).as(response.body()).isLessThan(300);
    }

    private List<WebhookReceiver.Received> forOrder(String path, String orderId) {
        return receiver.received(path).stream()
                .filter(request ->
                        orderId.equals(json(request.body()).path("orderId").asText()))
                .toList();
    }

    private String status(String webhookId) {
        List<String> statuses =
                jdbc.queryForList("SELECT status FROM webhook_delivery WHERE event_id = ?", String.class, webhookId);
        return statuses.isEmpty() ? null : statuses.get(0);
    }

    private int attemptsOf(String webhookId) {
        List<Integer> attempts =
                jdbc.queryForList("SELECT attempts FROM webhook_delivery WHERE event_id = ?", Integer.class, webhookId);
        return attempts.isEmpty() ? 0 : attempts.get(0);
    }

    private JsonNode dlqRecordFor(String deliveryId) {
        try (KafkaConsumer<String, String> consumer =
                TopicConsumer.of(String.join(",", kafka.getBootstrapServers()), "orders.webhooks.dlq")) {
            JsonNode[] found = new JsonNode[1];
            Awaitility.await().atMost(PATIENCE).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    JsonNode value = json(record.value());
                    if (value.get("deliveryId").asText().equals(deliveryId)) {
                        found[0] = value;
                    }
                }
                return found[0] != null;
            });
            return found[0];
        }
    }

    private static JsonNode json(String text) {
        try {
            return Api.JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
