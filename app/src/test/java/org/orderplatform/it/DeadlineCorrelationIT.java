package org.orderplatform.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.orderplatform.webhooks.relay.RecordHeaders;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.kafka.KafkaConnectionDetails;

/**
 * Work the saga does later, on a deadline, belongs to the request that started the order: the
 * events it causes carry the request's correlation id and trace, like the order's first events.
 */
class DeadlineCorrelationIT extends FulfilmentPlatformIT {

    @Autowired
    KafkaConnectionDetails kafka;

    @Autowired
    InMemorySpanExporter spans;

    private final String correlationId = "it-" + UUID.randomUUID();
    private final String traceId = UUID.randomUUID().toString().replace("-", "");

    @Test
    void eventsCausedByAPaymentRetryDeadlineKeepTheRequestsCorrelationIdAndTrace() {
        String sku = product(1);
        injectFailures(1.0);

        String orderId = placeCorrelated(sku);

        // the first authorization failed: only the saga's retry deadline can authorize it now
        await().atMost(PATIENCE).until(() -> paymentEvents(orderId).contains("PaymentAuthorizationFailed"));
        assertThat(api().post("/sandbox/payments/settings/reset").send().status())
                .isEqualTo(200);
        breaker().reset();
        awaitStatus(orderId, "CONFIRMED");
        assertThat(paymentEvents(orderId)).containsSubsequence("PaymentAuthorizationFailed", "PaymentAuthorized");

        // in the event store: the metadata of the event the deadline's command caused
        String authorized = jdbc.queryForObject(
                "SELECT convert_from(meta_data, 'UTF8') FROM domain_event_entry "
                        + "WHERE aggregate_identifier = ? AND payload_type LIKE '%PaymentAuthorized'",
                String.class, "payment:" + orderId);
        assertThat(authorized)
                .contains("\"correlationId\":\"" + correlationId + "\"")
                .contains("\"traceparent\":\"00-" + traceId + "-");

        Map<String, Map<String, String>> headers =
                headersByType(orderId, Set.of("order.placed", "payment.authorized", "order.confirmed"));
        String firstTraceparent = headers.get("order.placed").get(RecordHeaders.TRACEPARENT);
        assertThat(firstTraceparent).startsWith("00-" + traceId + "-");
        for (String type : Set.of("payment.authorized", "order.confirmed")) {
            assertThat(headers.get(type).get(RecordHeaders.CORRELATION_ID))
                    .as(type + " " + headers.get(type))
                    .isEqualTo(correlationId);
            assertThat(headers.get(type).get(RecordHeaders.TRACEPARENT))
                    .as(type + " " + headers.get(type))
                    .startsWith("00-" + traceId + "-");
        }
        // the deadline's handling is a span of the request's trace
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(spans.getFinishedSpanItems())
                        .anyMatch(span -> span.getTraceId().equals(traceId)
                                && span.getName().equals("deadline payment-retry")));
    }

    @Test
    void theCancellationAfterAPaymentTimeoutKeepsTheRequestsCorrelationIdAndTrace() {
        String sku = product(1);
        injectFailures(1.0); // the provider stays down: the payment-timeout deadline cancels

        String orderId = placeCorrelated(sku);

        JsonNode cancelled = awaitStatus(orderId, "CANCELLED");
        assertThat(cancelled.at("/cancellation/reason").asText()).isEqualTo("PAYMENT_TIMEOUT");
        Map<String, String> headers = headersByType(orderId, Set.of("order.placed", "order.cancelled"))
                .get("order.cancelled");
        assertThat(headers.get(RecordHeaders.CORRELATION_ID))
                .as(headers.toString())
                .isEqualTo(correlationId);
        assertThat(headers.get(RecordHeaders.TRACEPARENT))
                .as(headers.toString())
                .startsWith("00-" + traceId + "-");
        // the deadline's handling is a span of the request's trace
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(spans.getFinishedSpanItems())
                        .anyMatch(span -> span.getTraceId().equals(traceId)
                                && span.getName().equals("deadline payment-timeout")));
    }

    /** Places an order of one unit of the SKU, with this test's correlation id and trace. */
    private String placeCorrelated(String sku) {
        Api.Response placed = api().post("/api/v1/orders")
                .idempotencyKey()
                .header("X-Correlation-Id", correlationId)
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .json(OrderJson.valid().put("paymentToken", "tok_visa").set("lines", linesOf(sku)))
                .send();
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        return placed.json().get("orderId").asText();
    }

    private static ArrayNode linesOf(String sku) {
        return Api.JSON.createArrayNode().add(line(sku, 1));
    }

    /** The headers of the order's records on the events topic, by event type, once all these arrived. */
    private Map<String, Map<String, String>> headersByType(String orderId, Set<String> types) {
        Map<String, Map<String, String>> byType = new HashMap<>();
        try (KafkaConsumer<String, String> consumer =
                TopicConsumer.of(String.join(",", kafka.getBootstrapServers()), "orders.events.v1")) {
            await().atMost(PATIENCE).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (orderId.equals(record.key())) {
                        Map<String, String> headers = new HashMap<>();
                        record.headers()
                                .forEach(header ->
                                        headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8)));
                        byType.put(headers.get(RecordHeaders.EVENT_TYPE), headers);
                    }
                }
                return byType.keySet().containsAll(types);
            });
        }
        return byType;
    }
}
