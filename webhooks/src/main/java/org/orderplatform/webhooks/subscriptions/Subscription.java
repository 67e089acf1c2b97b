package org.orderplatform.webhooks.subscriptions;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A webhook subscription as the API shows it. {@code secret} is present only in the answer that
 * created it (or rotated it): it is never shown again.
 *
 * @param eventTypes the types it receives; empty means all
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Subscription(
        UUID id,
        String url,
        String description,
        List<String> eventTypes,
        SubscriptionStatus status,
        String disabledReason,
        Instant createdAt,
        Instant updatedAt,
        String secret) {

    Subscription withSecret(String secret) {
        return new Subscription(id, url, description, eventTypes, status, disabledReason, createdAt, updatedAt, secret);
    }
}
