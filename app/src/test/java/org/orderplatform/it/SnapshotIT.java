package org.orderplatform.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** With more events than the threshold (50), a snapshot is stored, and loading starts from it. */
class SnapshotIT extends PlatformIT {

    private static final int CHANGES = 60;

    @Autowired
    EventStore eventStore;

    @Test
    void anOrderWithMoreEventsThanTheThresholdIsLoadedFromItsSnapshot() {
        String orderId = api().placeOrder();
        long version = 0;
        for (int i = 1; i <= CHANGES; i++) {
            Api.Response response = api().put("/api/v1/orders/" + orderId + "/shipping-address")
                    .ifMatch("\"" + version + "\"")
                    .json(OrderJson.address(i + " Snapshot St"))
                    .send();
            assertThat(response.status()).isEqualTo(200);
            version = response.json().get("version").asLong();
        }

        // Snapshots are taken off the command thread, after commit: wait for the row.
        Map<String, Object> snapshot = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> jdbc.queryForList(
                                "SELECT sequence_number, convert_from(payload, 'UTF8') AS state FROM snapshot_event_entry "
                                        + "WHERE aggregate_identifier = ?",
                                orderId),
                        rows -> rows.size() == 1)
                .get(0);
        long snapshotSequence = ((Number) snapshot.get("sequence_number")).longValue();
        assertThat(snapshotSequence).isBetween(49L, version);
        assertThat((String) snapshot.get("state")).contains("\"status\":\"PLACED\"", "\"customerId\":\"customer-42\"");

        DomainEventStream stream = eventStore.readEvents(orderId);
        assertThat(stream.peek().getPayloadType().getSimpleName()).isEqualTo("Order");
        assertThat(stream.peek().getSequenceNumber()).isEqualTo(snapshotSequence);

        // The proof that loading uses it: without the events the snapshot covers, the order still
        // loads with the right state and version.
        int removed = jdbc.update(
                "DELETE FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number <= ?",
                orderId,
                snapshotSequence);
        assertThat(removed).isEqualTo((int) snapshotSequence + 1);

        Api.Response sameAddress = api().put("/api/v1/orders/" + orderId + "/shipping-address")
                .ifMatch("\"" + version + "\"")
                .json(OrderJson.address(CHANGES + " Snapshot St"))
                .send();
        assertThat(sameAddress.status()).isEqualTo(200);
        assertThat(sameAddress.json().get("version").asLong())
                .as("same address: no new event")
                .isEqualTo(version);

        Api.Response cancel = api().post("/api/v1/orders/" + orderId + "/cancellation")
                .idempotencyKey()
                .ifMatch("\"" + version + "\"")
                .send();
        assertThat(cancel.status()).isEqualTo(200);
        assertThat(cancel.json().get("version").asLong()).isEqualTo(version + 1);
    }
}
