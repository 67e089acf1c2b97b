package org.orderplatform.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A poison event meets a rebuild: the rebuild parks it in its own dead-letter queue, finishes, and
 * hands the letter to the live projection, where a retry after the fix brings the order in. Reads
 * of a parked order say at once that they are stale.
 */
class DeadLetterRebuildIT extends PlatformIT {

    @Test
    void aRebuildParksAPoisonEventAndHandsItOverAtTheSwitch() {
        String customer = "poison-rebuild-" + UUID.randomUUID().toString().substring(0, 8);
        String constraint = "CHECK (customer_id <> '" + customer + "')";
        // the "bug" is in both slots: the live one and the one the rebuild fills
        jdbc.execute("ALTER TABLE order_summary_a ADD CONSTRAINT dead_letter_rebuild_it " + constraint);
        jdbc.execute("ALTER TABLE order_summary_b ADD CONSTRAINT dead_letter_rebuild_it " + constraint);
        try {
            Api.Response placed = api().placeOrder(OrderJson.valid().put("customerId", customer));
            String orderId = placed.json().get("orderId").asText();
            await().atMost(Duration.ofSeconds(20)).until(() -> parkedLetters(orderId) == 1);

            Api.Response read =
                    api().read("/api/v1/orders?customerId=" + customer, placed).send();
            assertThat(read.header("X-Read-Consistency")).isEqualTo("stale");

            assertThat(api().admin("POST", "/admin/projections/order-summary/rebuild")
                            .send()
                            .status())
                    .isEqualTo(202);
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> "done"
                            .equals(api().admin("GET", "/admin/projections/order-summary")
                                    .send()
                                    .json()
                                    .at("/rebuild/state")
                                    .asText()));
            assertThat(parkedLetters(orderId))
                    .as("the letter, now the live projection's")
                    .isEqualTo(1);

            jdbc.execute("ALTER TABLE order_summary_a DROP CONSTRAINT dead_letter_rebuild_it");
            jdbc.execute("ALTER TABLE order_summary_b DROP CONSTRAINT dead_letter_rebuild_it");
            api().admin("POST", "/admin/projections/order-summary/dead-letters/retry")
                    .send();

            assertThat(parkedLetters(orderId)).isZero();
            assertThat(api().read("/api/v1/orders?customerId=" + customer, placed)
                            .send()
                            .json()
                            .get("items"))
                    .hasSize(1);
        } finally {
            jdbc.execute("ALTER TABLE order_summary_a DROP CONSTRAINT IF EXISTS dead_letter_rebuild_it");
            jdbc.execute("ALTER TABLE order_summary_b DROP CONSTRAINT IF EXISTS dead_letter_rebuild_it");
        }
    }

    private int parkedLetters(String orderId) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM dead_letter_entry WHERE processing_group = 'order-summary'"
                        + " AND sequence_identifier = ?",
                Integer.class,
                orderId);
    }
}
