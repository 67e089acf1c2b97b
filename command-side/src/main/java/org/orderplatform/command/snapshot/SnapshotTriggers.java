package org.orderplatform.command.snapshot;

import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * When an aggregate gets a snapshot: after {@code orders.snapshots.<aggregate>.threshold} events
 * since its last one. An order changes a few times in its life; a product's stock changes with
 * every order of it, so a busy SKU would otherwise replay its whole history on every reservation.
 */
@Configuration(proxyBeanMethods = false)
public class SnapshotTriggers {

    public static final String ORDER = "orderSnapshotTrigger";
    public static final String STOCK = "stockSnapshotTrigger";

    @Bean(ORDER)
    public SnapshotTriggerDefinition orderSnapshotTrigger(
            Snapshotter snapshotter, @Value("${orders.snapshots.order.threshold:50}") int threshold) {
        return everyNEvents(snapshotter, "orders.snapshots.order.threshold", threshold);
    }

    @Bean(STOCK)
    public SnapshotTriggerDefinition stockSnapshotTrigger(
            Snapshotter snapshotter, @Value("${orders.snapshots.stock.threshold:100}") int threshold) {
        return everyNEvents(snapshotter, "orders.snapshots.stock.threshold", threshold);
    }

    private static SnapshotTriggerDefinition everyNEvents(Snapshotter snapshotter, String property, int threshold) {
        if (threshold < 1) {
            throw new IllegalArgumentException(property + " must be at least 1, was " + threshold);
        }
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }
}
