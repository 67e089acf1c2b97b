package org.orderplatform.webhooks.delivery;

import java.util.List;
import java.util.UUID;

/**
 * A due delivery this node has leased for one attempt. {@code leaseId} proves the lease when the
 * outcome is written: if the lease ran out and another node took the delivery, this node's late
 * outcome changes nothing. {@code secrets} sign it (the current one first; read with the claim),
 * {@code claimedAtNanos} is this node's {@link System#nanoTime()} when the lease began.
 */
record ClaimedDelivery(
        UUID id,
        UUID leaseId,
        UUID subscriptionId,
        String url,
        String eventId,
        String eventType,
        String payload,
        String correlationId,
        String traceparent,
        int attempts,
        int scheduleStep,
        List<String> secrets,
        long claimedAtNanos) {}
