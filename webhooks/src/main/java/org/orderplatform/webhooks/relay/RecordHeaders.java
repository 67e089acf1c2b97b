package org.orderplatform.webhooks.relay;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.orderplatform.webhooks.events.IntegrationEvent;

/**
 * The headers of a record on the events topic, so consumers can route and trace without parsing
 * the value.
 */
public final class RecordHeaders {

    public static final String EVENT_ID = "event-id";
    public static final String EVENT_TYPE = "event-type";
    public static final String CORRELATION_ID = "correlation-id";
    public static final String CONTENT_TYPE = "content-type";
    /** The W3C trace context of the request behind the event, when there was one. */
    public static final String TRACEPARENT = "traceparent";

    private RecordHeaders() {}

    static void write(Headers headers, IntegrationEvent event, String correlationId, String traceparent) {
        headers.add(EVENT_ID, bytes(event.id()));
        headers.add(EVENT_TYPE, bytes(event.type()));
        headers.add(CONTENT_TYPE, bytes("application/json"));
        if (correlationId != null) {
            headers.add(CORRELATION_ID, bytes(correlationId));
        }
        if (traceparent != null) {
            headers.add(TRACEPARENT, bytes(traceparent));
        }
    }

    /** The header's value as text, or null when the record has no such header. */
    public static String read(Headers headers, String name) {
        var header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
