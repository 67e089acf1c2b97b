package org.orderplatform.eventstore.storage;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code orders.event-store.*}.
 *
 * @param fetchDelay how often the store looks for events appended by other nodes (this node's own
 *     events wake the processors at once)
 * @param batchSize events per query when reading a stream or an aggregate
 */
@ConfigurationProperties("orders.event-store")
public record EventStoreProperties(Duration fetchDelay, Integer batchSize) {

    public EventStoreProperties {
        fetchDelay = fetchDelay == null ? Duration.ofMillis(100) : fetchDelay;
        batchSize = batchSize == null ? 1000 : batchSize;
        if (fetchDelay.isNegative() || fetchDelay.isZero()) {
            throw new IllegalArgumentException("orders.event-store.fetch-delay must be positive, was " + fetchDelay);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("orders.event-store.batch-size must be at least 1, was " + batchSize);
        }
    }
}
