package org.orderplatform.webhooks.delivery;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.HashMap;
import java.util.Map;
import org.orderplatform.web.correlation.CorrelationId;
import org.slf4j.MDC;

/**
 * The correlation id and W3C trace context of the request being handled, for a delivery it queues
 * to be sent later (the test event): its attempts then carry them, as an event's deliveries carry
 * the event's. Either is null when there is none (no request, tracing off).
 */
record RequestContext(String correlationId, String traceparent) {

    static RequestContext current(Tracer tracer, Propagator propagator) {
        Span span = tracer == null ? null : tracer.currentSpan();
        String traceparent = null;
        if (span != null && propagator != null) {
            Map<String, String> headers = new HashMap<>();
            propagator.inject(span.context(), headers, Map::put);
            traceparent = headers.get("traceparent");
        }
        return new RequestContext(MDC.get(CorrelationId.KEY), traceparent);
    }
}
