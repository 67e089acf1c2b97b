package org.orderplatform.app.axon;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.Map;
import java.util.function.Function;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * A span around each handling of a message that carries a {@code traceparent} (commands, and the
 * events and saga commands they cause), a child of the HTTP request that started it all: one
 * trace shows the command, every projection, the saga, and the Kafka relay. Named
 * {@code <what> <payload type>}, e.g. {@code event order-summary OrderPlaced}, or as the caller
 * names them (a deadline has no payload to name it by).
 */
final class HandlerSpans<T extends Message<?>> implements MessageHandlerInterceptor<T> {

    private final Tracer tracer;
    private final Propagator propagator;
    private final Function<? super T, String> name;

    HandlerSpans(Tracer tracer, Propagator propagator, Function<? super T, String> name) {
        this.tracer = tracer;
        this.propagator = propagator;
        this.name = name;
    }

    /** Spans named {@code <what> <payload type>}. */
    static <T extends Message<?>> HandlerSpans<T> named(Tracer tracer, Propagator propagator, String what) {
        return new HandlerSpans<>(
                tracer,
                propagator,
                message -> what + " " + message.getPayloadType().getSimpleName());
    }

    @Override
    public Object handle(UnitOfWork<? extends T> unitOfWork, InterceptorChain chain) throws Exception {
        Object traceparent = unitOfWork.getMessage().getMetaData().get(CorrelationConfiguration.TRACEPARENT);
        // a replay or rebuild handles old events again: no spans in long-finished traces
        boolean replay =
                unitOfWork.getMessage() instanceof TrackedEventMessage<?> tracked && ReplayToken.isReplay(tracked);
        if (traceparent == null || replay) {
            return chain.proceed();
        }
        Span span = propagator
                .extract(Map.of(CorrelationConfiguration.TRACEPARENT, traceparent.toString()), Map::get)
                .name(name.apply(unitOfWork.getMessage()))
                .start();
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            return chain.proceed();
        } catch (Exception e) {
            span.error(e);
            throw e;
        } finally {
            span.end();
        }
    }
}
