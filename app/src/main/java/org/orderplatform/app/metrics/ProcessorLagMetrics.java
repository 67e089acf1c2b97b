package org.orderplatform.app.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * {@code orders.processor.lag{processor}}: events in the store that each streaming processor
 * (projections, the saga, the Kafka relay) has not handled yet, over the segments this node
 * holds (-1 while it holds none).
 */
@Component
public class ProcessorLagMetrics {

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final MeterRegistry meters;

    ProcessorLagMetrics(EventProcessingConfiguration processing, EventStore eventStore, MeterRegistry meters) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.meters = meters;
    }

    @EventListener(ApplicationReadyEvent.class)
    void registerGauges() {
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming) {
                Gauge.builder("orders.processor.lag", streaming, this::lag)
                        .description("Events not yet handled by the processor (segments on this node; -1: none here)")
                        .tag("processor", name)
                        .baseUnit("events")
                        .register(meters);
            }
        });
    }

    /** The processor's lag on this node: -1 when it holds none of its segments or has no such processor. */
    public double lag(String processorName) {
        return processing
                .eventProcessor(processorName, StreamingEventProcessor.class)
                .map(this::lag)
                .orElse(-1.0);
    }

    private double lag(StreamingEventProcessor processor) {
        var segments = processor.processingStatus().values();
        if (segments.isEmpty()) {
            return -1;
        }
        TrackingToken head = eventStore.createHeadToken();
        long headPosition = head == null ? -1 : head.position().orElse(-1);
        long slowest =
                segments.stream().mapToLong(status -> positionOf(status)).min().orElse(-1);
        return Math.max(0, headPosition - slowest);
    }

    private static long positionOf(EventTrackerStatus status) {
        return status.getCurrentPosition().orElse(-1);
    }
}
