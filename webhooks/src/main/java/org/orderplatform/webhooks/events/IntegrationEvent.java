package org.orderplatform.webhooks.events;

import java.time.Instant;

/**
 * What subscribers receive: a public, versioned record, mapped from a domain event (never the
 * domain event itself, so the event store's internals can change without breaking anyone). The
 * JSON of this record is the Kafka record value and the webhook body, byte for byte.
 *
 * @param id the domain event's id: unique, and the {@code webhook-id} subscribers dedupe on
 * @param type {@code order.placed}, {@code payment.authorized}, ... (see {@link EventTypes})
 * @param version the version of {@code data}'s shape for this type; a breaking change gets a new
 *     version (and a new topic), additions do not
 * @param occurredAt when the domain event happened
 * @param orderId the order the event belongs to (the Kafka key: one order's events stay in order)
 * @param data the type's fields, see docs/events.md
 */
public record IntegrationEvent(
        String id, String type, int version, Instant occurredAt, String orderId, IntegrationEventData data) {

    public static final int VERSION = 1;
}
