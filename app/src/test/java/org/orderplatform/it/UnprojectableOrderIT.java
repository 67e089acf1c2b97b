package org.orderplatform.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.orderplatform.api.order.OrderLine;
import org.orderplatform.api.order.OrderPlaced;
import org.orderplatform.api.order.ShippingAddress;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A read model that cannot take an order's events says so: reads of that order answer
 * {@code X-Read-Consistency: stale} (a 404 too, when it has nothing of the order), instead of
 * pretending the order does not exist or is as shown. And text PostgreSQL cannot store, in events
 * stored before the API refused it, no longer makes a poison event.
 */
class UnprojectableOrderIT extends PlatformIT {

    @Autowired
    EventStore eventStore;

    @Test
    void anOrderWhoseEventsAreParkedIsAStale404InBothVersionsUntilTheyAreRetried() {
        String customer = "unprojectable-" + UUID.randomUUID().toString().substring(0, 8);
        String table = activeTable();
        // the "bug": the detail read model refuses this customer's order
        jdbc.execute(
                "ALTER TABLE " + table + " ADD CONSTRAINT unprojectable_it CHECK (customer_id <> '" + customer + "')");
        try {
            String orderId = api().placeOrder(OrderJson.valid().put("customerId", customer))
                    .json()
                    .get("orderId")
                    .asText();
            await().atMost(Duration.ofSeconds(20)).until(() -> parked(orderId) == 1);

            for (String version : List.of("v1", "v2")) {
                Api.Response read =
                        api().get("/api/" + version + "/orders/" + orderId).send();

                assertThat(read.status()).as(version).isEqualTo(404);
                assertThat(read.problemType()).isEqualTo("order-not-found");
                assertThat(read.header("X-Read-Consistency")).as(version).isEqualTo("stale");
                assertThat(read.json().get("detail").asText()).contains("parked");
            }
            Api.Response unknown =
                    api().get("/api/v1/orders/" + UUID.randomUUID()).send();
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.header("X-Read-Consistency")).isNull();

            jdbc.execute("ALTER TABLE " + table + " DROP CONSTRAINT unprojectable_it");
            api().admin("POST", "/admin/projections/order-detail/dead-letters/retry")
                    .send();

            Api.Response read = api().get("/api/v1/orders/" + orderId).send();
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.header("X-Read-Consistency")).isNull();
        } finally {
            jdbc.execute("ALTER TABLE " + table + " DROP CONSTRAINT IF EXISTS unprojectable_it");
        }
    }

    @Test
    void anOrderWithALaterEventParkedIsShownMarkedStale() {
        String city = "Unprojectable-" + UUID.randomUUID().toString().substring(0, 8);
        String table = activeTable();
        jdbc.execute("ALTER TABLE " + table + " ADD CONSTRAINT unprojectable_later_it"
                + " CHECK ((shipping_address ->> 'city') IS DISTINCT FROM '" + city + "')");
        try {
            Api.Response placed = api().placeOrder(OrderJson.valid());
            String orderId = placed.json().get("orderId").asText();
            assertThat(api().read("/api/v1/orders/" + orderId, placed).send().header("X-Read-Consistency"))
                    .isEqualTo("fresh");
            api().put("/api/v1/orders/" + orderId + "/shipping-address")
                    .ifMatch("\"0\"")
                    .json(OrderJson.paris().put("city", city))
                    .send();
            await().atMost(Duration.ofSeconds(20)).until(() -> parked(orderId) == 1);

            Api.Response read = api().get("/api/v1/orders/" + orderId).send();

            assertThat(read.status()).isEqualTo(200);
            assertThat(read.header("X-Read-Consistency")).isEqualTo("stale");
            assertThat(read.json().get("version").asLong()).isZero();
            assertThat(api().get("/api/v2/orders/" + orderId).send().header("X-Read-Consistency"))
                    .isEqualTo("stale");
        } finally {
            jdbc.execute("ALTER TABLE " + table + " DROP CONSTRAINT IF EXISTS unprojectable_later_it");
        }
    }

    @Test
    void anEventStoredWithANulBeforeTheApiRefusedItIsShownNotParked() {
        String orderId = UUID.randomUUID().toString();
        var address = new ShippingAddress("A\u0000B", "Unter den Linden 1", null, "Berlin", null, "10117", "DE");
        // as the API accepted it before: straight into the event store, past the edge's check
        eventStore.publish(new GenericDomainEventMessage<>(
                "Order",
                orderId,
                0,
                new OrderPlaced(
                        orderId, "customer-nul", "EUR", List.of(new OrderLine("SKU-1", 1, 100)), address, 100, null)));

        await().atMost(Duration.ofSeconds(20))
                .until(() -> api().get("/api/v1/orders/" + orderId).send().status() == 200);

        Api.Response read = api().get("/api/v1/orders/" + orderId).send();
        assertThat(read.json().at("/shippingAddress/recipient").asText()).isEqualTo("A\uFFFDB");
        assertThat(read.header("X-Read-Consistency")).isNull();
        assertThat(parked(orderId)).isZero();
    }

    private String activeTable() {
        return "order_detail_"
                + jdbc.queryForObject(
                        "SELECT active_slot FROM read_model_slot WHERE read_model = 'order-detail'", String.class);
    }

    private int parked(String orderId) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM dead_letter_entry WHERE processing_group = 'order-detail'"
                        + " AND sequence_identifier = ?",
                Integer.class,
                orderId);
    }
}
