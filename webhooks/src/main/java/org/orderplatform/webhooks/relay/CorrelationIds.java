package org.orderplatform.webhooks.relay;

import org.axonframework.eventhandling.EventMessage;

/**
 * The correlation id of an event: Axon's {@code traceId} metadata, the id of the message that
 * started the chain (the HTTP request's command), shared by every event and saga command it
 * caused. Falls back to {@code correlationId} (the direct cause), then to the event's own id.
 */
final class CorrelationIds {

    private CorrelationIds() {}

    static String of(EventMessage<?> message) {
        Object trace = message.getMetaData().get("traceId");
        if (trace != null) {
            return trace.toString();
        }
        Object correlation = message.getMetaData().get("correlationId");
        return correlation != null ? correlation.toString() : message.getIdentifier();
    }
}
