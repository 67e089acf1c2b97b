package org.orderplatform.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A poison event parks its order's events in the dead-letter queue instead of being skipped or
 * blocking the projection; once the cause is fixed, a retry brings the read model up to date.
 */
class DeadLetterIT extends PlatformIT {

    @Test
    void aPoisonEventIsParkedRetriedAndThenProjected() {
        String customer = "poison-" + UUID.randomUUID().toString().substring(0, 8);
        String table = "order_summary_"
                + jdbc.queryForObject(
                        "SELECT active_slot FROM read_model_slot WHERE read_model = 'order-summary'", String.class);
        long before = deadLetters();
        // the "bug": the read model refuses this customer's rows
        jdbc.execute(
                "ALTER TABLE " + table + " ADD CONSTRAINT dead_letter_it CHECK (customer_id <> '" + customer + "')");
        try {
            String orderId = api().placeOrder(OrderJson.valid().put("customerId", customer))
                    .json()
                    .get("orderId")
                    .asText();
            api().put("/api/v1/orders/" + orderId + "/shipping-address")
                    .ifMatch("\"0\"")
                    .json(OrderJson.paris())
                    .send();

            // both events of that order are parked: the failed one and the one queued behind it
            await().atMost(Duration.ofSeconds(20)).until(() -> deadLetters() == before + 2);
            JsonNode letters = api().admin("GET", "/admin/projections/order-summary/dead-letters?limit=100")
                    .send()
                    .json();
            assertThat(letters.get("items").findValuesAsText("aggregateIdentifier"))
                    .contains(orderId);
            assertThat(letters.get("items").findValuesAsText("causeMessage").toString())
                    .contains("dead_letter_it");

            // the projection goes on with everything else
            Api.Response other = api().placeOrder(OrderJson.valid());
            Api.Response read = api().read(
                            "/api/v1/orders/" + other.json().get("orderId").asText(), other)
                    .send();
            assertThat(read.header("X-Read-Consistency")).isEqualTo("fresh");
            assertThat(api().get("/api/v1/orders?customerId=" + customer)
                            .send()
                            .json()
                            .get("items"))
                    .isEmpty();

            jdbc.execute("ALTER TABLE " + table + " DROP CONSTRAINT dead_letter_it");
            JsonNode retried = api().admin("POST", "/admin/projections/order-summary/dead-letters/retry")
                    .send()
                    .json();

            assertThat(retried.get("processed").asInt()).isPositive();
            assertThat(deadLetters()).isEqualTo(before);
            JsonNode items = api().get("/api/v1/orders?customerId=" + customer)
                    .send()
                    .json()
                    .get("items");
            assertThat(items).singleElement().satisfies(item -> {
                assertThat(item.get("orderId").asText()).isEqualTo(orderId);
                assertThat(item.get("version").asLong()).isEqualTo(1);
            });
        } finally {
            jdbc.execute("ALTER TABLE " + table + " DROP CONSTRAINT IF EXISTS dead_letter_it");
        }
    }

    private long deadLetters() {
        return api().admin("GET", "/admin/projections/order-summary")
                .send()
                .json()
                .get("deadLetters")
                .asLong();
    }
}
