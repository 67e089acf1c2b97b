package org.orderplatform.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.orderplatform.api.order.CancelledBy;
import org.orderplatform.api.order.OrderCancelled;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * v1 and v2 of the order reads side by side (v1 says it is deprecated and names its successor),
 * and an event stored in an old revision read through its upcaster.
 */
class ApiVersioningIT extends PlatformIT {

    @Autowired
    EventStore eventStore;

    @Test
    void v1AnswersCarryDeprecationSunsetAndTheSuccessor() {
        Api.Response placed = api().placeOrder(OrderJson.valid());
        String orderId = placed.json().get("orderId").asText();

        Api.Response v1 = api().read("/api/v1/orders/" + orderId, placed).send();

        assertThat(v1.status()).isEqualTo(200);
        assertThat(v1.header("Deprecation")).matches("@\\d+");
        assertThat(v1.header("Sunset")).endsWith("GMT");
        assertThat(v1.headers().get("Link"))
                .anySatisfy(link ->
                        assertThat(link).isEqualTo("</api/v2/orders/" + orderId + ">; rel=\"successor-version\""));
        Api.Response v2 = api().get("/api/v2/orders/" + orderId).send();
        assertThat(v2.status()).isEqualTo(200);
        assertThat(v2.header("Deprecation")).isNull();
    }

    @Test
    void v2ShowsMoneyAsAmountAndCurrencyAndTheStatusAsAnObject() {
        Api.Response placed = api().placeOrder(OrderJson.valid());
        String orderId = placed.json().get("orderId").asText();

        JsonNode order = api().read("/api/v2/orders/" + orderId, placed).send().json();
        JsonNode v1 = api().get("/api/v1/orders/" + orderId).send().json();

        assertThat(order.get("id").asText()).isEqualTo(orderId);
        assertThat(order.has("orderId")).isFalse();
        assertThat(order.at("/total/amount").asText()).isEqualTo("44.98");
        assertThat(order.at("/total/currency").asText()).isEqualTo("EUR");
        assertThat(v1.get("totalMinor").asLong()).isEqualTo(4498);
        assertThat(order.at("/lines/0/unitPrice/amount").asText()).isEqualTo("19.99");
        assertThat(order.at("/lines/0/lineTotal/amount").asText()).isEqualTo("39.98");
        assertThat(order.at("/status/code").asText()).isEqualTo("PLACED");
        assertThat(order.at("/status/since").asText())
                .isEqualTo(v1.get("createdAt").asText());
        assertThat(order.at("/status/reason").isNull()).isTrue();
    }

    @Test
    void v2ListsInACursorEnvelope() {
        String customer = "v2-" + UUID.randomUUID();
        ObjectNode order = OrderJson.valid();
        order.put("customerId", customer);
        api().placeOrder(order);
        api().placeOrder(order);
        awaitListed(customer, List.of());

        JsonNode first = awaitPage("/api/v2/orders?limit=1&customerId=" + customer);
        assertThat(first.get("data")).hasSize(1);
        assertThat(first.at("/page/limit").asInt()).isEqualTo(1);
        assertThat(first.at("/page/prevCursor").isNull()).isTrue();
        String next = first.at("/page/nextCursor").asText();
        JsonNode second = api().get("/api/v2/orders?limit=1&customerId=" + customer + "&cursor=" + next)
                .send()
                .json();
        assertThat(second.get("data")).hasSize(1);
        assertThat(second.at("/data/0/id").asText())
                .isNotEqualTo(first.at("/data/0/id").asText());
        assertThat(second.at("/data/0/total/currency").asText()).isEqualTo("EUR");
        assertThat(second.has("items")).isFalse();
    }

    @Test
    void theOpenApiDocumentHasAGroupPerVersion() {
        JsonNode v1 = api().get("/v3/api-docs/v1").send().json().get("paths");
        JsonNode v2 = api().get("/v3/api-docs/v2").send().json().get("paths");

        assertThat(v1.has("/api/v1/orders")).isTrue();
        assertThat(v1.has("/api/v2/orders")).isFalse();
        assertThat(v2.has("/api/v2/orders/{orderId}")).isTrue();
        assertThat(v2.has("/api/v1/orders")).isFalse();
    }

    @Test
    void readsAnOrderCancelledStoredInItsFirstRevisionThroughTheUpcaster() {
        String orderId = api().placeOrder();
        Map<String, Object> placed = jdbc.queryForMap(
                "SELECT type, time_stamp FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 0",
                orderId);
        // as revision 1 stored it: no cancelledBy, no revision
        String oldPayload = "{\"orderId\":\"" + orderId + "\",\"reason\":\"CUSTOMER_REQUEST\",\"comment\":\"old\"}";
        jdbc.update(
                "INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,"
                        + " meta_data, payload, payload_revision, payload_type, time_stamp)"
                        + " VALUES (?, 1, ?, ?, ?, ?, NULL, ?, ?)",
                orderId,
                placed.get("type"),
                UUID.randomUUID().toString(),
                "{}".getBytes(StandardCharsets.UTF_8),
                oldPayload.getBytes(StandardCharsets.UTF_8),
                OrderCancelled.class.getName(),
                placed.get("time_stamp"));

        List<? extends DomainEventMessage<?>> events =
                eventStore.readEvents(orderId, 0).asStream().toList();

        OrderCancelled cancelled = (OrderCancelled) events.get(1).getPayload();
        assertThat(cancelled.comment()).isEqualTo("old");
        assertThat(cancelled.cancelledBy()).isEqualTo(CancelledBy.CUSTOMER);
        // the aggregate replays it too: a cancelled order cannot be shipped
        Api.Response ship = api().post("/api/v1/orders/" + orderId + "/shipment")
                .idempotencyKey()
                .ifMatch("\"1\"")
                .send();
        assertThat(ship.status()).isEqualTo(409);
        // new cancellations are stored in revision 2, with the field
        String other = api().placeOrder();
        api().post("/api/v1/orders/" + other + "/cancellation")
                .idempotencyKey()
                .ifMatch("\"0\"")
                .send();
        assertThat(jdbc.queryForObject(
                        "SELECT payload_revision FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 1",
                        String.class,
                        other))
                .isEqualTo("2");
    }

    private JsonNode awaitPage(String path) {
        JsonNode[] page = new JsonNode[1];
        org.awaitility.Awaitility.await().until(() -> {
            page[0] = api().get(path).send().json();
            return page[0].get("data").size() == 1
                    && !page[0].at("/page/nextCursor").isNull();
        });
        return page[0];
    }
}
