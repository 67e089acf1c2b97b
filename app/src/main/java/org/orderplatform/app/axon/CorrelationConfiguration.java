package org.orderplatform.app.axon;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.orderplatform.web.correlation.CorrelationId;
import org.slf4j.MDC;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Carries the request's correlation id through Axon: a command sent while handling a request gets
 * it as {@code correlationId} metadata; every message handled because of that message (events,
 * the saga's commands, their events) inherits it; and while any handler runs it is in the log
 * MDC. Axon's own origin metadata stays, renamed for what it is: {@code causationId} (the message
 * that caused this one) and {@code traceId} (the first of the chain).
 */
@Configuration(proxyBeanMethods = false)
class CorrelationConfiguration {

    // static: Axon's configuration needs these before this class (which needs the command bus) exists
    @Bean
    static CorrelationDataProvider messageOrigin() {
        return new MessageOriginProvider("causationId", "traceId");
    }

    @Bean
    static CorrelationDataProvider requestCorrelation() {
        return new SimpleCorrelationDataProvider(CorrelationId.KEY, TRACEPARENT);
    }

    /** The W3C trace context of the HTTP request, carried like the correlation id. */
    static final String TRACEPARENT = "traceparent";

    private final ObjectProvider<Propagator> propagator;

    CorrelationConfiguration(ObjectProvider<Propagator> propagator) {
        this.propagator = propagator;
    }

    @Autowired
    void correlateCommands(CommandBus commandBus, ObjectProvider<Tracer> tracer) {
        commandBus.registerDispatchInterceptor((List<? extends CommandMessage<?>> messages) ->
                (BiFunction<Integer, CommandMessage<?>, CommandMessage<?>>) (index, command) -> {
                    Map<String, String> context = new HashMap<>();
                    String id = MDC.get(CorrelationId.KEY);
                    if (id != null && !command.getMetaData().containsKey(CorrelationId.KEY)) {
                        context.put(CorrelationId.KEY, id);
                    }
                    Tracer current = tracer.getIfAvailable();
                    Span span = current == null ? null : current.currentSpan();
                    if (span != null && !command.getMetaData().containsKey(TRACEPARENT)) {
                        context.put(TRACEPARENT, traceparent(span.context()));
                    }
                    return context.isEmpty() ? command : command.andMetaData(context);
                });
        commandBus.registerHandlerInterceptor(new CorrelationInMdc<>());
        Tracer spans = tracer.getIfAvailable();
        Propagator propagator = this.propagator.getIfAvailable();
        if (spans != null && propagator != null) {
            commandBus.registerHandlerInterceptor(new HandlerSpans<>(spans, propagator, "command"));
        }
    }

    @Autowired
    void correlateEventHandlers(
            EventProcessingConfigurer processing,
            ObjectProvider<Tracer> tracer,
            ObjectProvider<Propagator> propagator) {
        processing.registerDefaultHandlerInterceptor((config, processor) -> new CorrelationInMdc<>());
        Tracer spans = tracer.getIfAvailable();
        Propagator extractor = propagator.getIfAvailable();
        if (spans != null && extractor != null) {
            processing.registerDefaultHandlerInterceptor(
                    (config, processor) -> new HandlerSpans<>(spans, extractor, "event " + processor));
        }
    }

    /** {@code 00-<trace id>-<span id>-<flags>}: the request's span as the parent of what follows. */
    static String traceparent(TraceContext context) {
        boolean sampled = Boolean.TRUE.equals(context.sampled());
        return "00-" + context.traceId() + "-" + context.spanId() + (sampled ? "-01" : "-00");
    }

    /** The handled message's correlation id in the MDC while its handler runs. */
    static final class CorrelationInMdc<T extends Message<?>> implements MessageHandlerInterceptor<T> {
        @Override
        public Object handle(UnitOfWork<? extends T> unitOfWork, InterceptorChain chain) throws Exception {
            Object id = unitOfWork.getMessage().getMetaData().get(CorrelationId.KEY);
            String previous = MDC.get(CorrelationId.KEY);
            if (id != null) {
                MDC.put(CorrelationId.KEY, id.toString());
            }
            try {
                return chain.proceed();
            } finally {
                if (previous == null) {
                    MDC.remove(CorrelationId.KEY);
                } else {
                    MDC.put(CorrelationId.KEY, previous);
                }
            }
        }
    }
}
