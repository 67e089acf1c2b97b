package org.orderplatform.webhooks.relay;

import org.axonframework.eventhandling.EventMessage;

/**
 * The correlation id of an event: its {@code correlationId} metadata (the HTTP request's
 * {@code X-Correlation-Id}, inherited by every command and event the request caused, the saga's
 * included). Events with no request behind them fall back to Axon's {@code traceId} (the first
 * message of their chain), then to their own id.
 */
final class CorrelationIds {

    private CorrelationIds() {}

    static String of(EventMessage<?> message) {
        Object correlation = message.getMetaData().get("correlationId");
        if (correlation != null) {
            return correlation.toString();
        }
        Object trace = message.getMetaData().get("traceId");
        return trace != null ? trace.toString() : message.getIdentifier();
    }
}
