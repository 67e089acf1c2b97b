package org.orderplatform.command.order;

import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** When an {@link Order} gets a snapshot: after {@code orders.snapshots.order.threshold} events since the last one. */
@Configuration(proxyBeanMethods = false)
class OrderSnapshotting {

    static final String TRIGGER_BEAN = "orderSnapshotTrigger";

    @Bean(TRIGGER_BEAN)
    SnapshotTriggerDefinition orderSnapshotTrigger(
            Snapshotter snapshotter, @Value("${orders.snapshots.order.threshold:50}") int threshold) {
        if (threshold < 1) {
            throw new IllegalArgumentException("orders.snapshots.order.threshold must be at least 1, was " + threshold);
        }
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }
}
