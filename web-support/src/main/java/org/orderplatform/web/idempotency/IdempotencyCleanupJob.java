package org.orderplatform.web.idempotency;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Deletes expired keys in small batches. Safe on every node at once: deletes do not conflict. */
@Component
public class IdempotencyCleanupJob {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyCleanupJob.class);

    private final IdempotencyKeyStore store;
    private final IdempotencyProperties properties;

    IdempotencyCleanupJob(IdempotencyKeyStore store, IdempotencyProperties properties) {
        this.store = store;
        this.properties = properties;
    }

    @Scheduled(
            fixedDelayString = "${orders.idempotency.cleanup-interval:PT10M}",
            initialDelayString = "${orders.idempotency.cleanup-interval:PT10M}")
    public int deleteExpiredKeys() {
        int total = 0;
        int deleted;
        do {
            deleted = store.deleteExpired(properties.cleanupBatchSize());
            total += deleted;
        } while (deleted == properties.cleanupBatchSize());
        if (total > 0) {
            log.info("Deleted {} expired idempotency keys", total);
        }
        return total;
    }
}
