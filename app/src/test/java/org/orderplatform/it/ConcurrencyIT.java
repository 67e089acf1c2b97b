package org.orderplatform.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.orderplatform.api.order.ShippingAddress;
import org.orderplatform.api.order.ShippingAddressChanged;
import org.springframework.beans.factory.annotation.Autowired;

/** Parallel writers: exactly one wins, the others are told why, nothing is lost or doubled. */
class ConcurrencyIT extends PlatformIT {

    private static final int WRITERS = 8;

    @Autowired
    EventStorageEngine storageEngine;

    private final ExecutorService pool = Executors.newFixedThreadPool(WRITERS);

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @RepeatedTest(3)
    void parallelChangesAgainstTheSameVersionLetExactlyOneThrough() throws Exception {
        String orderId = api().placeOrder();

        List<Api.Response> responses = race(i -> api().put("/api/v1/orders/" + orderId + "/shipping-address")
                .ifMatch("\"0\"")
                .json(OrderJson.address(i + " Parallel St"))
                .send());

        assertThat(responses).filteredOn(r -> r.status() == 200).hasSize(1);
        assertThat(responses)
                .filteredOn(r -> r.status() != 200)
                .allSatisfy(r -> assertThat(r.status()).isIn(409, 412))
                .allSatisfy(r -> assertThat(r.problemType()).isIn("precondition-failed", "concurrent-modification"));
        assertThat(sequenceNumbers(orderId)).containsExactly(0L, 1L);
    }

    @RepeatedTest(3)
    void parallelRetriesOfOnePostPlaceOneOrder() throws Exception {
        String key = UUID.randomUUID().toString();
        int before = eventCount();

        List<Api.Response> responses = race(i -> api().post("/api/v1/orders")
                .idempotencyKey(key)
                .json(OrderJson.valid())
                .send());

        assertThat(responses)
                .filteredOn(r -> r.status() == 201 && r.header("Idempotent-Replayed") == null)
                .hasSize(1);
        assertThat(responses).allSatisfy(r -> assertThat(r.status()).isIn(201, 409));
        assertThat(responses)
                .filteredOn(r -> r.status() == 201)
                .extracting(r -> r.json().get("orderId").asText())
                .containsOnly(responses.stream()
                        .filter(r -> r.status() == 201)
                        .findFirst()
                        .orElseThrow()
                        .json()
                        .get("orderId")
                        .asText());
        assertThat(eventCount()).isEqualTo(before + 1);
    }

    /**
     * The last line of defence, below the locks: the event store refuses a second event at a
     * sequence number, and Axon reports it as a concurrency conflict (409), not a storage failure.
     */
    @Test
    void theEventStoreReportsADuplicateSequenceNumberAsAConflict() {
        String orderId = api().placeOrder();
        ShippingAddress address = new ShippingAddress("Ada", "1 Main St", null, "Berlin", null, "10117", "DE");

        assertThatThrownBy(() -> storageEngine.appendEvents(event(orderId, 0, address)))
                .isInstanceOf(AggregateStreamCreationException.class);
        storageEngine.appendEvents(event(orderId, 1, address));
        assertThatThrownBy(() -> storageEngine.appendEvents(event(orderId, 1, address)))
                .isInstanceOf(ConcurrencyException.class);
        assertThat(sequenceNumbers(orderId)).containsExactly(0L, 1L);
    }

    private static DomainEventMessage<ShippingAddressChanged> event(String orderId, long sequence, ShippingAddress to) {
        return new GenericDomainEventMessage<>("Order", orderId, sequence, new ShippingAddressChanged(orderId, to));
    }

    /** Starts all writers at the same moment and collects every answer. */
    private List<Api.Response> race(IntFunction<Api.Response> request) throws Exception {
        CyclicBarrier start = new CyclicBarrier(WRITERS);
        List<Future<Api.Response>> futures = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            int writer = i;
            futures.add(pool.submit(() -> {
                start.await(10, TimeUnit.SECONDS);
                return request.apply(writer);
            }));
        }
        List<Api.Response> responses = new ArrayList<>();
        for (Future<Api.Response> future : futures) {
            responses.add(future.get(30, TimeUnit.SECONDS));
        }
        return responses;
    }

    private List<Long> sequenceNumbers(String orderId) {
        return jdbc.queryForList(
                "SELECT sequence_number FROM domain_event_entry WHERE aggregate_identifier = ? "
                        + "ORDER BY sequence_number",
                Long.class,
                orderId);
    }
}
