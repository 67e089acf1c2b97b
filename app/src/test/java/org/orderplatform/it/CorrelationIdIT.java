package org.orderplatform.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.orderplatform.webhooks.relay.RecordHeaders;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.kafka.KafkaConnectionDetails;

/** One request's correlation id, followed from the HTTP request to the event store, Kafka and a webhook. */
class CorrelationIdIT extends PlatformIT {

    @Autowired
    KafkaConnectionDetails kafka;

    @Autowired
    InMemorySpanExporter spans;

    @Test
    void followsARequestsCorrelationIdIntoEventMetadataKafkaHeadersAndWebhooks() {
        String correlationId = "it-" + UUID.randomUUID();
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String traceparent = "00-" + traceId + "-00f067aa0ba902b7-01";
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Api.Response subscribed = api().post("/api/v1/webhook-subscriptions")
                    .idempotencyKey()
                    .json(Map.of("url", receiver.url("correlated"), "eventTypes", List.of("order.placed")))
                    .send();
            String subscription = subscribed.json().get("id").asText();
            try {
                Api.Response placed = api().post("/api/v1/orders")
                        .idempotencyKey()
                        .header("X-Correlation-Id", correlationId)
                        .header("traceparent", traceparent)
                        .json(OrderJson.valid())
                        .send();
                assertThat(placed.status()).isEqualTo(201);
                assertThat(placed.header("X-Correlation-Id")).isEqualTo(correlationId);
                String orderId = placed.json().get("orderId").asText();

                String metadata = jdbc.queryForObject(
                        "SELECT convert_from(meta_data, 'UTF8') FROM domain_event_entry WHERE aggregate_identifier = ?",
                        String.class,
                        orderId);
                assertThat(metadata).contains("\"correlationId\":\"" + correlationId + "\"");
                // the same W3C trace: the request's span (a child of the caller's) is the parent
                assertThat(metadata).contains("\"traceparent\":\"00-" + traceId + "-");

                Map<String, String> headers = kafkaHeadersFor(orderId);
                assertThat(headers.get(RecordHeaders.CORRELATION_ID)).isEqualTo(correlationId);
                assertThat(headers.get(RecordHeaders.TRACEPARENT)).startsWith("00-" + traceId + "-");

                Awaitility.await()
                        .atMost(Duration.ofSeconds(30))
                        .until(() -> receiver.received("correlated").stream()
                                .anyMatch(request -> request.body().contains(orderId)));
                WebhookReceiver.Received delivered = receiver.received("correlated").stream()
                        .filter(request -> request.body().contains(orderId))
                        .findFirst()
                        .orElseThrow();
                assertThat(delivered.correlationId()).isEqualTo(correlationId);
                assertThat(delivered.traceparent()).startsWith("00-" + traceId + "-");

                // one trace: the request, the command, the projections and the relay, the webhook POST
                Awaitility.await()
                        .atMost(Duration.ofSeconds(30))
                        .untilAsserted(() -> assertThat(spans.getFinishedSpanItems().stream()
                                        .filter(span -> span.getTraceId().equals(traceId))
                                        .map(SpanData::getName))
                                .contains(
                                        "command PlaceOrderCommand",
                                        "event order-summary OrderPlaced",
                                        "event kafka-relay OrderPlaced",
                                        "webhook POST order.placed")
                                .anyMatch(name -> name.startsWith("http post")));
            } finally {
                api().method("DELETE", "/api/v1/webhook-subscriptions/" + subscription)
                        .send();
            }
        }
    }

    @Test
    void makesACorrelationIdWhenTheRequestHasNone() {
        Api.Response response = api().get("/api/v1/orders?customerId=nobody").send();

        assertThat(response.header("X-Correlation-Id")).matches("[0-9a-f-]{36}");
    }

    @Test
    void refusesAMalformedCorrelationIdAndAnswersWithAFreshOne() {
        for (String bad : List.of("has spaces", "x".repeat(65), "quote\"d")) {
            Api.Response response = api().get("/api/v1/orders?customerId=nobody")
                    .header("X-Correlation-Id", bad)
                    .send();

            assertThat(response.status()).as(bad).isEqualTo(400);
            assertThat(response.problemType()).isEqualTo("correlation-id-invalid");
            assertThat(response.header("X-Correlation-Id")).matches("[0-9a-f-]{36}");
        }
    }

    private Map<String, String> kafkaHeadersFor(String orderId) {
        try (KafkaConsumer<String, String> consumer =
                TopicConsumer.of(String.join(",", kafka.getBootstrapServers()), "orders.events.v1")) {
            Map<String, String> headers = new java.util.HashMap<>();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (orderId.equals(record.key())) {
                        record.headers()
                                .forEach(header -> headers.put(
                                        header.key(),
                                        new String(header.value(), java.nio.charset.StandardCharsets.UTF_8)));
                    }
                }
                return !headers.isEmpty();
            });
            return headers;
        }
    }
}
