package org.orderplatform.webhooks.delivery;

import java.util.List;
import java.util.UUID;

/**
 * Which dead letters to redrive: the given deliveries, or every dead letter of a subscription.
 * Exactly one of the two.
 */
public record RedriveRequest(List<UUID> deliveryIds, UUID subscriptionId) {}
