package org.orderplatform.webhooks.relay;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * How far the relay is behind the event store: events appended but not yet on Kafka. Reported
 * in health ({@code relay}) and as the gauge {@code orders.relay.lag}, never failing: orders are
 * taken while Kafka is away, the lag only grows until it is back.
 */
@Component("relay")
@ConditionalOnProperty(name = "orders.webhooks.relay.enabled", matchIfMissing = true)
class RelayLag extends AbstractHealthIndicator {

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;

    RelayLag(EventProcessingConfiguration processing, EventStore eventStore, MeterRegistry meters) {
        super("Relay status unavailable");
        this.processing = processing;
        this.eventStore = eventStore;
        Gauge.builder("orders.relay.lag", this, lag -> lag.lag().orElse(-1))
                .description("Events in the store not yet acknowledged by Kafka (-1: no segment claimed here)")
                .baseUnit("events")
                .register(meters);
    }

    /** Empty while this node holds none of the relay's segments. */
    OptionalLong lag() {
        Map<Integer, EventTrackerStatus> segments = statuses();
        if (segments.isEmpty()) {
            return OptionalLong.empty();
        }
        TrackingToken headToken = eventStore.createHeadToken(); // null while the store is empty
        long head = headToken == null ? -1 : headToken.position().orElse(-1);
        long slowest = segments.values().stream()
                .mapToLong(status -> status.getCurrentPosition().orElse(-1))
                .min()
                .orElse(-1);
        return OptionalLong.of(Math.max(0, head - slowest));
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Map<Integer, EventTrackerStatus> segments = statuses();
        builder.up().withDetail("segmentsHere", segments.size());
        lag().ifPresent(lag -> builder.withDetail("lag", lag));
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
