package org.orderplatform.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The order command API end to end: HTTP in, events in PostgreSQL out. */
class OrderCommandApiIT extends PlatformIT {

    @Test
    void placingAnOrderAnswers201WithLocationEtagAndTheId() {
        Api.Response response = api().post("/api/v1/orders")
                .idempotencyKey()
                .json(OrderJson.valid())
                .send();

        assertThat(response.status()).isEqualTo(201);
        String orderId = response.json().get("orderId").asText();
        assertThat(response.header("Location")).isEqualTo("http://localhost:" + port + "/api/v1/orders/" + orderId);
        assertThat(response.header("ETag")).isEqualTo("\"0\"");
        assertThat(response.json().get("version").asLong()).isZero();
        assertThat(response.header("Content-Type")).isEqualTo("application/json");
    }

    @Test
    void storesTheOrderAsOneJacksonSerializedOrderPlacedEvent() {
        String orderId = api().placeOrder();

        List<String> rows = jdbc.queryForList("""
                SELECT payload_type || ' ' || sequence_number || ' ' || convert_from(payload, 'UTF8')
                  FROM domain_event_entry WHERE aggregate_identifier = ?""", String.class, orderId);
        assertThat(rows)
                .singleElement()
                .satisfies(row -> assertThat(row)
                        .startsWith("org.orderplatform.api.order.OrderPlaced 0 {")
                        .contains("\"totalMinor\":4498", "\"customerId\":\"customer-42\"", "\"currency\":\"EUR\""));
    }

    @Test
    void changesTheShippingAddressWithTheCurrentVersion() {
        String orderId = api().placeOrder();

        Api.Response response = api().put("/api/v1/orders/" + orderId + "/shipping-address")
                .ifMatch("\"0\"")
                .json(OrderJson.paris())
                .send();

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("ETag")).isEqualTo("\"1\"");
        assertThat(response.json().get("version").asLong()).isEqualTo(1);
        assertThat(eventCount(orderId)).isEqualTo(2);
    }

    @Test
    void aStaleIfMatchIs412AndChangesNothing() {
        String orderId = api().placeOrder();
        api().put("/api/v1/orders/" + orderId + "/shipping-address")
                .ifMatch("\"0\"")
                .json(OrderJson.paris())
                .send();

        Api.Response stale = api().put("/api/v1/orders/" + orderId + "/shipping-address")
                .ifMatch("\"0\"")
                .json(OrderJson.address("2 Other St"))
                .send();

        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.problemType()).isEqualTo("precondition-failed");
        assertThat(stale.json().get("currentVersion").asLong()).isEqualTo(1);
        assertThat(eventCount(orderId)).isEqualTo(2);
    }

    @Test
    void aStaleIfMatchIs412EvenWhenTheOrderCouldNotChangeAnyway() {
        String orderId = api().placeOrder();
        api().post("/api/v1/orders/" + orderId + "/cancellation")
                .idempotencyKey()
                .ifMatch("\"0\"")
                .send();

        Api.Response stale = api().post("/api/v1/orders/" + orderId + "/cancellation")
                .idempotencyKey()
                .ifMatch("\"0\"")
                .send();

        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.json().get("currentVersion").asLong()).isEqualTo(1);
    }

    @Test
    void aVersionFromTheFutureIs412Too() {
        String orderId = api().placeOrder();

        Api.Response response = api().put("/api/v1/orders/" + orderId + "/shipping-address")
                .ifMatch("\"5\"")
                .json(OrderJson.paris())
                .send();

        assertThat(response.status()).isEqualTo(412);
        assertThat(eventCount(orderId)).isEqualTo(1);
    }

    @Test
    void aMissingIfMatchIs428() {
        String orderId = api().placeOrder();

        Api.Response response = api().put("/api/v1/orders/" + orderId + "/shipping-address")
                .json(OrderJson.paris())
                .send();

        assertThat(response.status()).isEqualTo(428);
        assertThat(response.problemType()).isEqualTo("precondition-required");
        assertThat(eventCount(orderId)).isEqualTo(1);
    }

    @Test
    void anUnquotedIfMatchIs400() {
        String orderId = api().placeOrder();

        Api.Response response = api().put("/api/v1/orders/" + orderId + "/shipping-address")
                .ifMatch("0")
                .json(OrderJson.paris())
                .send();

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.problemType()).isEqualTo("malformed-request");
    }

    @Test
    void ifMatchStarAppliesToWhateverVersionIsCurrent() {
        String orderId = api().placeOrder();

        Api.Response response = api().put("/api/v1/orders/" + orderId + "/shipping-address")
                .ifMatch("*")
                .json(OrderJson.paris())
                .send();

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("ETag")).isEqualTo("\"1\"");
    }

    @Test
    void anUnknownOrderIs404() {
        Api.Response change = api().put("/api/v1/orders/6a1f0c53-0000-4000-8000-000000000000/shipping-address")
                .ifMatch("\"0\"")
                .json(OrderJson.paris())
                .send();
        Api.Response cancel = api().post("/api/v1/orders/6a1f0c53-0000-4000-8000-000000000000/cancellation")
                .idempotencyKey()
                .ifMatch("\"0\"")
                .send();

        assertThat(change.status()).isEqualTo(404);
        assertThat(change.problemType()).isEqualTo("order-not-found");
        assertThat(cancel.status()).isEqualTo(404);
        assertThat(cancel.problemType()).isEqualTo("order-not-found");
    }

    @Test
    void cancelsWithTheCustomersComment() {
        String orderId = api().placeOrder();

        Api.Response response = api().post("/api/v1/orders/" + orderId + "/cancellation")
                .idempotencyKey()
                .ifMatch("\"0\"")
                .json("{\"comment\":\"found it cheaper\"}")
                .send();

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("ETag")).isEqualTo("\"1\"");
        String payload = jdbc.queryForObject("""
                SELECT convert_from(payload, 'UTF8') FROM domain_event_entry
                 WHERE aggregate_identifier = ? AND sequence_number = 1""", String.class, orderId);
        assertThat(payload).contains("\"reason\":\"CUSTOMER_REQUEST\"", "\"comment\":\"found it cheaper\"");
    }

    @Test
    void cancellationNeedsNoBody() {
        String orderId = api().placeOrder();

        Api.Response response = api().post("/api/v1/orders/" + orderId + "/cancellation")
                .idempotencyKey()
                .ifMatch("\"0\"")
                .send();

        assertThat(response.status()).isEqualTo(200);
    }

    @Test
    void aCancelledOrderCannotBeCancelledOrChangedAgain() {
        String orderId = api().placeOrder();
        api().post("/api/v1/orders/" + orderId + "/cancellation")
                .idempotencyKey()
                .ifMatch("\"0\"")
                .send();

        Api.Response cancelAgain = api().post("/api/v1/orders/" + orderId + "/cancellation")
                .idempotencyKey()
                .ifMatch("\"1\"")
                .send();
        Api.Response change = api().put("/api/v1/orders/" + orderId + "/shipping-address")
                .ifMatch("\"1\"")
                .json(OrderJson.paris())
                .send();

        assertThat(cancelAgain.status()).isEqualTo(409);
        assertThat(cancelAgain.problemType()).isEqualTo("order-state-conflict");
        assertThat(cancelAgain.json().get("orderStatus").asText()).isEqualTo("CANCELLED");
        assertThat(change.status()).isEqualTo(409);
        assertThat(eventCount(orderId)).isEqualTo(2);
    }
}
