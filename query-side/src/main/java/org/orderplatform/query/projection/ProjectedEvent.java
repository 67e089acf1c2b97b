package org.orderplatform.query.projection;

import java.time.Instant;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;

/**
 * An event as a bulk projector sees it: what the live handlers get from their parameters.
 *
 * @param sequenceNumber the aggregate's sequence number ({@code @SequenceNumber}); null for an
 *     event that no aggregate applied, which handlers asking for a sequence number never see
 * @param timestamp {@code @Timestamp}
 * @param payload the deserialized (and upcast) payload
 */
public record ProjectedEvent(Long sequenceNumber, Instant timestamp, Object payload) {

    public static ProjectedEvent of(EventMessage<?> message) {
        Long sequence = message instanceof DomainEventMessage<?> domain ? domain.getSequenceNumber() : null;
        return new ProjectedEvent(sequence, message.getTimestamp(), message.getPayload());
    }

    /** Whether handlers with a {@code @SequenceNumber} parameter are invoked for it. */
    public boolean hasSequenceNumber() {
        return sequenceNumber != null;
    }
}
