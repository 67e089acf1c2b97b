package org.orderplatform.web.idempotency;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param enabled whether keys are required and honoured at all
 * @param ttl how long a stored response is replayed; afterwards the key may be used again
 * @param methods the HTTP methods that need a key (the non-idempotent ones)
 * @param paths path patterns the keys apply to
 * @param cleanupInterval how often expired keys are deleted
 * @param cleanupBatchSize rows deleted per statement, so cleanup never holds long locks
 */
@ConfigurationProperties("orders.idempotency")
public record IdempotencyProperties(
        Boolean enabled,
        Duration ttl,
        List<String> methods,
        List<String> paths,
        Duration cleanupInterval,
        Integer cleanupBatchSize) {

    public IdempotencyProperties {
        enabled = enabled == null || enabled;
        ttl = ttl == null ? Duration.ofHours(24) : ttl;
        methods = methods == null ? List.of("POST", "PATCH") : List.copyOf(methods);
        paths = paths == null ? List.of("/api/**") : List.copyOf(paths);
        cleanupInterval = cleanupInterval == null ? Duration.ofMinutes(10) : cleanupInterval;
        cleanupBatchSize = cleanupBatchSize == null ? 1000 : cleanupBatchSize;
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("orders.idempotency.ttl must be positive, was " + ttl);
        }
    }
}
