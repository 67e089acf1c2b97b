package org.orderplatform.webhooks.relay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.orderplatform.webhooks.events.IntegrationEvent;
import org.orderplatform.webhooks.events.IntegrationEventMapper;

/**
 * Produces each domain event's integration event to the topic. Sends are asynchronous within a
 * batch; before the batch's transaction (which holds the processor's token) commits, every send
 * must be acknowledged by the broker, or the transaction rolls back and the batch comes again.
 */
@ProcessingGroup(KafkaRelay.PROCESSING_GROUP)
class KafkaRelay {

    static final String PROCESSING_GROUP = "kafka-relay";
    private static final String SENDS = KafkaRelay.class.getName() + ".sends";

    private final RelayProducer producer;
    private final ObjectMapper json;
    private final String topic;

    KafkaRelay(RelayProducer producer, ObjectMapper json, String topic) {
        this.producer = producer;
        this.json = json;
        this.topic = topic;
    }

    @EventHandler
    void on(Object payload, EventMessage<?> message) throws JsonProcessingException {
        var mapped = IntegrationEventMapper.map(message);
        if (mapped.isEmpty()) {
            return;
        }
        IntegrationEvent event = mapped.get();
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(topic, event.orderId(), json.writeValueAsBytes(event));
        Object traceparent = message.getMetaData().get(RecordHeaders.TRACEPARENT);
        RecordHeaders.write(
                record.headers(),
                event,
                CorrelationIds.of(message),
                traceparent == null ? null : traceparent.toString());
        pendingSends().add(producer.send(record));
    }

    /** The sends of the current batch; the first one registers the wait for all of them. */
    private List<Future<RecordMetadata>> pendingSends() {
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        return batch.getOrComputeResource(SENDS, key -> {
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            batch.onPrepareCommit(unitOfWork -> producer.awaitAcknowledged(sends));
            return sends;
        });
    }
}
