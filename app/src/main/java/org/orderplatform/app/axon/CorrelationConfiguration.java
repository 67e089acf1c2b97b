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
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
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
 *
 * <p>A deadline is part of the chain too: its message takes the metadata of the message whose
 * handler scheduled it, and what its handler sends inherits that in turn.
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
            commandBus.registerHandlerInterceptor(HandlerSpans.named(spans, propagator, "command"));
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
                    (config, processor) -> HandlerSpans.named(spans, extractor, "event " + processor));
        }
    }

    /**
     * Axon wires the correlation data providers into the command bus and the event processors, not
     * into the deadline manager: without this, a command a saga sends from a deadline handler
     * started a new chain (no correlation id, no trace), and so did every event it caused. The
     * deadline message itself keeps the scheduling message's metadata (it is stored with the
     * deadline); this makes its handling pass it on, and shows it in the log and the trace.
     */
    @Autowired
    void correlateDeadlines(
            ObjectProvider<DeadlineManager> deadlineManager,
            org.axonframework.config.Configuration axon,
            ObjectProvider<Tracer> tracer) {
        DeadlineManager deadlines = deadlineManager.getIfAvailable();
        if (deadlines == null) {
            return; // no saga on this node
        }
        deadlines.registerHandlerInterceptor(new CorrelationDataInterceptor<>(axon.correlationDataProviders()));
        deadlines.registerHandlerInterceptor(new CorrelationInMdc<>());
        Tracer spans = tracer.getIfAvailable();
        Propagator propagator = this.propagator.getIfAvailable();
        if (spans != null && propagator != null) {
            deadlines.registerHandlerInterceptor(new HandlerSpans<DeadlineMessage<?>>(
                    spans, propagator, deadline -> "deadline " + deadline.getDeadlineName()));
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
