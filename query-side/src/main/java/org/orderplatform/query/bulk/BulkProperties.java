package org.orderplatform.query.bulk;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code orders.projections.bulk.*}.
 *
 * @param enabled replays and rebuilds read the store in bulk (false: through the Axon processor
 *     alone, event by event, as before)
 * @param chunkSize events read, written and committed (with the tokens) per transaction; bounds
 *     the memory a run needs and the work a crash or a failing chunk throws away
 */
@ConfigurationProperties("orders.projections.bulk")
public record BulkProperties(Boolean enabled, Integer chunkSize) {

    public BulkProperties {
        enabled = enabled == null || enabled;
        chunkSize = chunkSize == null ? 20_000 : chunkSize;
        if (chunkSize < 1) {
            throw new IllegalArgumentException(
                    "orders.projections.bulk.chunk-size must be at least 1, was " + chunkSize);
        }
    }

    public boolean isEnabled() {
        return enabled;
    }
}
