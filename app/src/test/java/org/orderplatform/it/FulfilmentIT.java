package org.orderplatform.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The order fulfilment saga end to end: HTTP in, the real saga, the Stock and Payment aggregates,
 * the payment adapter and the sandbox provider over loopback (see {@link FulfilmentPlatformIT}).
 */
class FulfilmentIT extends FulfilmentPlatformIT {

    @Test
    void aHappyOrderIsConfirmedShippedAndDeliveredAndTheSagaEnds() {
        String sku = product(10);

        String orderId = place("tok_visa", line(sku, 3));
        JsonNode confirmed = awaitStatus(orderId, "CONFIRMED");

        assertThat(stock(sku)).isEqualTo(Map.of("available", 7L, "reserved", 3L));
        assertThat(paymentEvents(orderId)).containsExactly("PaymentAuthorizationRequested", "PaymentAuthorized");

        Api.Response shipped = api().post("/api/v1/orders/" + orderId + "/shipment")
                .idempotencyKey()
                .ifMatch("\"" + confirmed.get("version").asLong() + "\"")
                .send();
        assertThat(shipped.status()).isEqualTo(200);
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(paymentEvents(orderId)).endsWith("PaymentCaptured");
            assertThat(stock(sku)).isEqualTo(Map.of("available", 7L, "reserved", 0L));
        });
        assertThat(awaitStatus(orderId, "SHIPPED").get("version").asLong())
                .isEqualTo(shipped.json().get("version").asLong());

        Api.Response delivered = api().post("/api/v1/orders/" + orderId + "/delivery")
                .idempotencyKey()
                .ifMatch(shipped.header("ETag"))
                .send();
        assertThat(delivered.status()).isEqualTo(200);
        awaitStatus(orderId, "DELIVERED");
        await().atMost(PATIENCE).until(() -> !sagaRunning(orderId));
        assertThat(stock(sku)).isEqualTo(Map.of("available", 7L, "reserved", 0L));
    }

    @Test
    void anOrderWithALineOutOfStockIsCancelledAndNoStockIsKept() {
        String plenty = product(5);
        String scarce = product(1);

        String orderId = place("tok_visa", line(plenty, 2), line(scarce, 3));

        JsonNode cancelled = awaitStatus(orderId, "CANCELLED");
        assertThat(cancelled.at("/cancellation/reason").asText()).isEqualTo("OUT_OF_STOCK");
        assertThat(cancelled.at("/cancellation/comment").asText()).contains(scarce);
        await().atMost(PATIENCE).until(() -> !sagaRunning(orderId));
        assertThat(stock(plenty)).as("reserved, then released").isEqualTo(Map.of("available", 5L, "reserved", 0L));
        assertThat(stock(scarce)).isEqualTo(Map.of("available", 1L, "reserved", 0L));
        assertThat(paymentEvents(orderId)).as("no payment asked for").isEmpty();
    }

    @Test
    void anOrderOfAnUnknownProductIsCancelledOutOfStock() {
        String orderId = place("tok_visa", line("NO-SUCH-" + UUID.randomUUID(), 1));

        JsonNode cancelled = awaitStatus(orderId, "CANCELLED");

        assertThat(cancelled.at("/cancellation/reason").asText()).isEqualTo("OUT_OF_STOCK");
    }

    /**
     * What an operator reads of an order (the console's order page): the order's and its payment's
     * events as stored, in the order they happened, each with the correlation id of what caused
     * it, and where the payment is.
     */
    @Test
    void anOrdersStoredEventsShowItsPaymentAndTheirCorrelationIds() {
        String sku = product(5);
        String correlationId = UUID.randomUUID().toString();
        ObjectNode order = OrderJson.valid().put("paymentToken", "tok_visa");
        order.putArray("lines").add(line(sku, 1));
        String orderId = api().post("/api/v1/orders")
                .idempotencyKey()
                .header("X-Correlation-Id", correlationId)
                .json(order)
                .send()
                .json()
                .get("orderId")
                .asText();
        awaitStatus(orderId, "CONFIRMED");

        JsonNode history = api().admin("GET", "/admin/orders/" + orderId + "/events")
                .send()
                .json();

        assertThat(history.get("orderId").asText()).isEqualTo(orderId);
        assertThat(history.get("paymentState").asText()).isEqualTo("authorized");
        assertThat(history.get("events").findValuesAsText("type"))
                .containsExactly("OrderPlaced", "PaymentAuthorizationRequested", "PaymentAuthorized", "OrderConfirmed");
        assertThat(history.get("events").findValuesAsText("aggregate"))
                .containsExactly("order", "payment", "payment", "order");
        // the saga's steps carry the placing request's correlation id on to every event it causes
        assertThat(history.get("events").findValuesAsText("correlationId")).containsOnly(correlationId);
        assertThat(history.at("/events/0/payload/orderId").asText()).isEqualTo(orderId);

        Api.Response unknown =
                api().admin("GET", "/admin/orders/no-such-order/events").send();
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.problemType()).isEqualTo("order-not-found");
        // another aggregate's id is no order's
        assertThat(api().admin("GET", "/admin/orders/payment:" + orderId + "/events")
                        .send()
                        .status())
                .isEqualTo(404);
        Api.Response reader = new Api(port, readerKey())
                .get("/admin/orders/" + orderId + "/events")
                .send();
        assertThat(reader.status()).isEqualTo(403);
    }

    private String readerKey() {
        return api().admin("POST", "/admin/api-keys")
                .idempotencyKey()
                .json(Map.of("name", "reader of " + UUID.randomUUID(), "scopes", List.of("orders:read")))
                .send()
                .json()
                .get("key")
                .asText();
    }

    @Test
    void aDeclinedPaymentReleasesTheStockAndCancelsWithTheReason() {
        String sku = product(4);

        String orderId = place("tok_decline", line(sku, 4));

        JsonNode cancelled = awaitStatus(orderId, "CANCELLED");
        assertThat(cancelled.at("/cancellation/reason").asText()).isEqualTo("PAYMENT_DECLINED");
        assertThat(cancelled.at("/cancellation/comment").asText()).contains("card_declined");
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(stock(sku)).isEqualTo(Map.of("available", 4L, "reserved", 0L)));
        assertThat(paymentEvents(orderId)).containsExactly("PaymentAuthorizationRequested", "PaymentDeclined");
        await().atMost(PATIENCE).until(() -> !sagaRunning(orderId));
    }

    @Test
    void whenTheProviderIsDownTheBreakerOpensAndTheOrderCompletesAfterRecovery() {
        String sku = product(2);
        injectFailures(1.0);

        String orderId = place("tok_visa", line(sku, 1));

        // every authorization is retried by the adapter, then again by the saga: the breaker opens
        await().atMost(PATIENCE).until(() -> breaker().getState() == CircuitBreaker.State.OPEN);
        assertThat(status(orderId)).isEqualTo("PLACED");
        assertThat(paymentEvents(orderId)).contains("PaymentAuthorizationFailed");

        assertThat(api().post("/sandbox/payments/settings/reset").send().status())
                .isEqualTo(200);

        awaitStatus(orderId, "CONFIRMED");
        assertThat(breaker().getState()).isIn(CircuitBreaker.State.CLOSED, CircuitBreaker.State.HALF_OPEN);
        assertThat(stock(sku)).isEqualTo(Map.of("available", 1L, "reserved", 1L));
    }

    @Test
    void whenTheProviderStaysDownThePaymentTimesOutAndTheOrderIsCancelled() {
        String sku = product(3);
        injectFailures(1.0); // every call answered 503: the provider surely took none of them

        String orderId = place("tok_visa", line(sku, 2));

        // after the payment timeout (15 s here), compensation runs while the provider is still down
        JsonNode cancelled = awaitStatus(orderId, "CANCELLED");
        assertThat(cancelled.at("/cancellation/reason").asText()).isEqualTo("PAYMENT_TIMEOUT");
        await().atMost(PATIENCE).until(() -> !sagaRunning(orderId));
        assertThat(stock(sku)).isEqualTo(Map.of("available", 3L, "reserved", 0L));
        // nothing can be held, so the void needs no provider
        assertThat(paymentEvents(orderId))
                .endsWith("PaymentAuthorizationFailed", "PaymentVoided")
                .doesNotContain("PaymentAuthorized");
    }

    @Test
    void anAuthorizationWhoseAnswerWasLostIsFoundAndVoidedWhenTheOrderTimesOut() {
        String sku = product(3);
        // the sandbox answers after the adapter stopped waiting (2 s), but it does authorize
        injectLatency(2500);

        String orderId = place("tok_visa", line(sku, 2));

        JsonNode cancelled = awaitStatus(orderId, "CANCELLED");
        assertThat(cancelled.at("/cancellation/reason").asText()).isEqualTo("PAYMENT_TIMEOUT");
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(stock(sku)).isEqualTo(Map.of("available", 3L, "reserved", 0L)));
        assertThat(paymentEvents(orderId)).doesNotContain("PaymentAuthorized");
        assertThat(sagaRunning(orderId))
                .as("still has to void what the provider may hold")
                .isTrue();

        // once the provider answers in time again, the void asks with the authorization's key,
        // learns of the authorization and releases it
        assertThat(api().post("/sandbox/payments/settings/reset").send().status())
                .isEqualTo(200);
        await().atMost(PATIENCE).until(() -> !sagaRunning(orderId));
        // the void may time out again on a busy machine before it goes through: a retry, not an error
        List<String> events = paymentEvents(orderId);
        assertThat(events).contains("PaymentAuthorized").last().isEqualTo("PaymentVoided");
        assertThat(events.subList(events.lastIndexOf("PaymentAuthorized") + 1, events.size() - 1))
                .as("between learning of the authorization and voiding it")
                .allMatch("PaymentOperationFailed"::equals);
        assertThat(sandboxAuthorization(orderId).get("state").asText()).isEqualTo("voided");
        assertThat(status(orderId)).isEqualTo("CANCELLED");
    }

    @Test
    void aCustomerCancellingAConfirmedOrderGetsThePaymentVoidedAndTheStockBack() {
        String sku = product(6);
        String orderId = place("tok_visa", line(sku, 5));
        JsonNode confirmed = awaitStatus(orderId, "CONFIRMED");

        Api.Response cancel = api().post("/api/v1/orders/" + orderId + "/cancellation")
                .idempotencyKey()
                .ifMatch("\"" + confirmed.get("version").asLong() + "\"")
                .json("{\"comment\":\"changed my mind\"}")
                .send();

        assertThat(cancel.status()).isEqualTo(200);
        await().atMost(PATIENCE).until(() -> !sagaRunning(orderId));
        assertThat(paymentEvents(orderId)).endsWith("PaymentVoided");
        assertThat(stock(sku)).isEqualTo(Map.of("available", 6L, "reserved", 0L));
        JsonNode order = awaitStatus(orderId, "CANCELLED");
        assertThat(order.at("/cancellation/reason").asText()).isEqualTo("CUSTOMER_REQUEST");
        assertThat(sandboxAuthorization(orderId).get("state").asText()).isEqualTo("voided");
    }

    @Test
    void aShippedOrderCannotBeCancelled() {
        String sku = product(1);
        String orderId = place("tok_visa", line(sku, 1));
        JsonNode confirmed = awaitStatus(orderId, "CONFIRMED");
        Api.Response shipped = api().post("/api/v1/orders/" + orderId + "/shipment")
                .idempotencyKey()
                .ifMatch("\"" + confirmed.get("version").asLong() + "\"")
                .send();
        assertThat(shipped.status()).isEqualTo(200);

        Api.Response cancel = api().post("/api/v1/orders/" + orderId + "/cancellation")
                .idempotencyKey()
                .ifMatch(shipped.header("ETag"))
                .send();

        assertThat(cancel.status()).isEqualTo(409);
        assertThat(cancel.problemType()).isEqualTo("order-state-conflict");
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(paymentEvents(orderId))
                        .endsWith("PaymentCaptured")
                        .doesNotContain("PaymentVoided"));
    }

    @Test
    void anUnconfirmedOrderCannotShip() {
        String sku = product(1);
        injectFailures(1.0); // holds the order in PLACED
        String orderId = place("tok_visa", line(sku, 1));

        Api.Response ship = api().post("/api/v1/orders/" + orderId + "/shipment")
                .idempotencyKey()
                .ifMatch("\"0\"")
                .send();

        assertThat(ship.status()).isEqualTo(409);
        assertThat(ship.problemType()).isEqualTo("order-state-conflict");
    }

    @Test
    void concurrentOrdersForOneProductNeverTakeMoreThanItsStock() throws Exception {
        int units = 5;
        int orders = 12;
        String sku = product(units);

        List<String> orderIds = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(orders);
        try {
            List<CompletableFuture<String>> placing = new ArrayList<>();
            for (int i = 0; i < orders; i++) {
                placing.add(CompletableFuture.supplyAsync(() -> place("tok_visa", line(sku, 1)), pool));
            }
            for (CompletableFuture<String> order : placing) {
                orderIds.add(order.get());
            }
        } finally {
            pool.shutdownNow();
        }

        await().atMost(PATIENCE)
                .until(() -> orderIds.stream()
                        .map(this::status)
                        .allMatch(status -> status.equals("CONFIRMED") || status.equals("CANCELLED")));
        Map<String, Long> byStatus = orderIds.stream()
                .map(this::status)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(byStatus).isEqualTo(Map.of("CONFIRMED", (long) units, "CANCELLED", (long) (orders - units)));
        assertThat(stock(sku)).isEqualTo(Map.of("available", 0L, "reserved", (long) units));
    }

    // --- helpers ---

    /** The sandbox's record of the order's authorization, by the id the payment's events name. */
    private JsonNode sandboxAuthorization(String orderId) {
        String authorizationId = jdbc.queryForObject(
                "SELECT convert_from(payload, 'UTF8')::jsonb ->> 'authorizationId' FROM domain_event_entry "
                        + "WHERE aggregate_identifier = ? AND payload_type LIKE '%PaymentAuthorized'",
                String.class, "payment:" + orderId);
        return api().get("/sandbox/payments/authorizations/" + authorizationId)
                .send()
                .json();
    }
}
