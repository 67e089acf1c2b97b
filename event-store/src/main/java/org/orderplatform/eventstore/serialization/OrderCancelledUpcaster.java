package org.orderplatform.eventstore.serialization;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.orderplatform.api.order.CancellationReason;
import org.orderplatform.api.order.CancelledBy;
import org.orderplatform.api.order.OrderCancelled;
import org.springframework.stereotype.Component;

/**
 * {@code OrderCancelled} revision 1 (no revision stored) to revision 2: adds {@code cancelledBy},
 * derived from the reason. Stored events are never rewritten; they are upcast each time they are
 * read (aggregates, projections, the relay, replays).
 */
@Component
class OrderCancelledUpcaster extends SingleEventUpcaster {

    private static final String TYPE = OrderCancelled.class.getName();

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return representation.getType().getName().equals(TYPE)
                && representation.getType().getRevision() == null;
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(
                new SimpleSerializedType(TYPE, EventRevisions.ORDER_CANCELLED), JsonNode.class, payload -> {
                    ObjectNode event = (ObjectNode) payload;
                    CancellationReason reason =
                            CancellationReason.valueOf(event.path("reason").asText());
                    event.put("cancelledBy", CancelledBy.of(reason).name());
                    return event;
                });
    }
}
