package org.orderplatform.webhooks.relay;

import java.util.Map;
import java.util.Optional;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.orderplatform.eventstore.positions.ProcessorLag;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * How far the relay is behind the event store: events appended but not yet on Kafka. Reported
 * in health ({@code relay}; the metric is {@code orders.processor.lag{processor="kafka-relay"}}),
 * never failing: orders are taken while Kafka is away, the lag only grows until it is back.
 */
@Component("relay")
@ConditionalOnProperty(name = "orders.webhooks.relay.enabled", matchIfMissing = true)
class RelayLag extends AbstractHealthIndicator {

    private final EventProcessingConfiguration processing;
    private final ProcessorLag lags;

    RelayLag(EventProcessingConfiguration processing, ProcessorLag lags) {
        super("Relay status unavailable");
        this.processing = processing;
        this.lags = lags;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Map<Integer, EventTrackerStatus> segments = statuses();
        builder.up().withDetail("segmentsHere", segments.size());
        lags.lag(KafkaRelay.PROCESSING_GROUP).ifPresent(lag -> builder.withDetail("lag", lag));
        segments.values().stream()
                .filter(EventTrackerStatus::isErrorState)
                .findFirst()
                .ifPresent(failing -> builder.withDetail(
                        "error", String.valueOf(failing.getError().getMessage())));
    }

    private Map<Integer, EventTrackerStatus> statuses() {
        Optional<StreamingEventProcessor> relay =
                processing.eventProcessor(KafkaRelay.PROCESSING_GROUP, StreamingEventProcessor.class);
        return relay.map(StreamingEventProcessor::processingStatus).orElse(Map.of());
    }
}
