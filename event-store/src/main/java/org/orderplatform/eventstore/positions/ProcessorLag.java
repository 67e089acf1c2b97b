package org.orderplatform.eventstore.positions;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.OptionalLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * How far each streaming processor is behind the head of the store, over the segments this node
 * holds: the one place lag is computed. Exported as {@code orders.processor.lag{processor}}
 * (-1 while this node holds none of the processor's segments).
 */
@Component
public class ProcessorLag {

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final MeterRegistry meters;

    ProcessorLag(EventProcessingConfiguration processing, EventStore eventStore, MeterRegistry meters) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.meters = meters;
    }

    @EventListener(ApplicationReadyEvent.class)
    void registerGauges() {
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor) {
                Gauge.builder(
                                "orders.processor.lag",
                                this,
                                lags -> lags.lag(name).orElse(-1))
                        .description("Events not yet handled by the processor (segments on this node; -1: none here)")
                        .tag("processor", name)
                        .baseUnit("events")
                        .register(meters);
            }
        });
    }

    /** Events appended but not yet handled by the processor; empty while this node holds none of its segments. */
    public OptionalLong lag(String processorName) {
        Collection<EventTrackerStatus> segments = processing
                .eventProcessor(processorName, StreamingEventProcessor.class)
                .map(processor -> processor.processingStatus().values())
                .orElse(java.util.List.of());
        if (segments.isEmpty()) {
            return OptionalLong.empty();
        }
        TrackingToken head = eventStore.createHeadToken(); // null while the store is empty
        long headPosition = head == null ? -1 : head.position().orElse(-1);
        long slowest = segments.stream()
                .mapToLong(status -> status.getCurrentPosition().orElse(-1))
                .min()
                .orElse(-1);
        return OptionalLong.of(Math.max(0, headPosition - slowest));
    }
}
