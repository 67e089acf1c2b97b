package org.orderplatform.command.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderplatform.command.order.OrderMother.BERLIN;
import static org.orderplatform.command.order.OrderMother.ORDER_ID;
import static org.orderplatform.command.order.OrderMother.PARIS;
import static org.orderplatform.command.order.OrderMother.orderPlaced;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orderplatform.api.order.ChangeShippingAddressCommand;
import org.orderplatform.api.order.ShippingAddressChanged;
import org.orderplatform.command.snapshot.SnapshotTriggers;

/** The trigger configured by {@link SnapshotTriggers}, with a threshold of 3 events. */
class OrderSnapshotTriggerTest {

    private final List<String> snapshotsRequested = new ArrayList<>();
    private AggregateTestFixture<Order> fixture;

    @BeforeEach
    void setUp() {
        Snapshotter recording = (type, id) -> snapshotsRequested.add(type.getSimpleName() + ":" + id);
        fixture = new AggregateTestFixture<>(Order.class);
        // the fixture re-sources the aggregate to check its state, which would count the events twice
        fixture.setReportIllegalStateChange(false);
        fixture.registerRepository(EventSourcingRepository.builder(Order.class)
                .eventStore(fixture.getEventStore())
                .snapshotTriggerDefinition(new SnapshotTriggers().orderSnapshotTrigger(recording, 3))
                .build());
    }

    @Test
    void requestsASnapshotWhenTheThirdEventIsApplied() {
        fixture.given(orderPlaced(), new ShippingAddressChanged(ORDER_ID, PARIS))
                .when(new ChangeShippingAddressCommand(ORDER_ID, 1L, BERLIN))
                .expectEvents(new ShippingAddressChanged(ORDER_ID, BERLIN));

        assertThat(snapshotsRequested).containsExactly("Order:" + ORDER_ID);
    }

    @Test
    void requestsNoSnapshotBelowTheThreshold() {
        fixture.given(orderPlaced())
                .when(new ChangeShippingAddressCommand(ORDER_ID, 0L, PARIS))
                .expectEvents(new ShippingAddressChanged(ORDER_ID, PARIS));

        assertThat(snapshotsRequested).isEmpty();
    }

    @Test
    void refusesAThresholdBelowOne() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> new SnapshotTriggers().orderSnapshotTrigger((type, id) -> {}, 0))
                .withMessageContaining("orders.snapshots.order.threshold");
    }
}
