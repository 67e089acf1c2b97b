package org.orderplatform.webhooks.delivery;

import java.util.List;
import java.util.UUID;

/** Claimed deliveries and outcomes for tests. */
final class Deliveries {

    private Deliveries() {}

    static ClaimedDelivery claimed(UUID subscriptionId) {
        return claimed(subscriptionId, System.nanoTime());
    }

    static ClaimedDelivery claimed(UUID subscriptionId, long claimedAtNanos) {
        return new ClaimedDelivery(
                UUID.randomUUID(),
                UUID.randomUUID(),
                subscriptionId,
                "https://receiver.example/hooks",
                UUID.randomUUID().toString(),
                "order.placed",
                "{}",
                null,
                null,
                0,
                0,
                List.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
                claimedAtNanos);
    }

    static Outcome delivered(ClaimedDelivery delivery) {
        return Outcome.delivered(delivery, new AttemptResult(204, 3, null, null));
    }
}
