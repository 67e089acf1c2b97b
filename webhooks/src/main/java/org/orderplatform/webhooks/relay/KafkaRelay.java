package org.orderplatform.webhooks.relay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.orderplatform.webhooks.events.IntegrationEvent;
import org.orderplatform.webhooks.events.IntegrationEventMapper;

/**
 * Produces each domain event's integration event to the topic. A batch of the relay's processor is
 * one Kafka transaction of its segment's producer ({@link SegmentProducers}): sends are
 * asynchronous; before the batch's database transaction (which holds the processor's token)
 * commits, the Kafka transaction must commit, every record acknowledged, or the batch rolls back
 * (its Kafka transaction aborted, unless the commit's outcome is unknown: the look-up below covers
 * that) and comes again.
 *
 * <p>Each event is on the topic once. A batch can still come again after its Kafka transaction
 * committed: the token's commit failed, or the node died between the two and another took the
 * segment over (its new producer fences the first, which can commit nothing more). So an event
 * that may have been sent already is first looked up in the topic's recent records
 * ({@link TopicTail}) and not sent again when it is there: one handled in the minute after a failed
 * batch on this node, one stored more than {@link #FRESH} ago (a dead node's segment is taken
 * over only once its claim timed out), and one of a segment this node has not committed a batch of
 * within {@link #FRESH} (newly claimed, after another node released it, or idle). Fresh events of a
 * segment the node is busy with, the steady state, are sent without a look.
 */
@ProcessingGroup(KafkaRelay.PROCESSING_GROUP)
class KafkaRelay {

    static final String PROCESSING_GROUP = "kafka-relay";
    private static final String BATCH = KafkaRelay.class.getName() + ".batch";
    private static final String SEGMENT = "Processor[" + PROCESSING_GROUP + "]/SegmentId";
    /** Younger than the token store's claim timeout (10 s): no other node sent it before. */
    static final Duration FRESH = Duration.ofSeconds(5);
    /** After a failed batch, its retry (and whatever comes with it) is looked up for this long. */
    static final Duration AFTER_FAILURE = Duration.ofMinutes(1);

    private final SegmentProducers producers;
    private final ObjectMapper json;
    private final String topic;
    private final TopicTail tail;
    private final Clock clock;
    private final Map<Integer, Instant> committed = new ConcurrentHashMap<>();
    private volatile Instant lookUpUntil = Instant.MIN;

    KafkaRelay(SegmentProducers producers, ObjectMapper json, String topic, TopicTail tail, Clock clock) {
        this.producers = producers;
        this.json = json;
        this.topic = topic;
        this.tail = tail;
        this.clock = clock;
    }

    @EventHandler
    void on(Object payload, EventMessage<?> message) throws JsonProcessingException {
        var mapped = IntegrationEventMapper.map(message);
        if (mapped.isEmpty()) {
            return;
        }
        IntegrationEvent event = mapped.get();
        // the transaction first: a new producer fences the segment's previous one before the look
        Batch batch = batch();
        if (batch.mayBeOnTopic(message) && alreadyOnTopic(batch, message)) {
            return;
        }
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(topic, event.orderId(), json.writeValueAsBytes(event));
        Object traceparent = message.getMetaData().get(RecordHeaders.TRACEPARENT);
        RecordHeaders.write(
                record.headers(),
                event,
                CorrelationIds.of(message),
                traceparent == null ? null : traceparent.toString());
        batch.producer.send(record);
    }

    /** This batch's Kafka transaction, begun by its first event that is published. */
    private Batch batch() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(BATCH, key -> {
            Object segment = unitOfWork.getResource(SEGMENT);
            Batch batch = new Batch(segment instanceof Integer id ? id : 0);
            unitOfWork.onPrepareCommit(work -> {
                producers.commit(batch.segment, batch.producer);
                batch.kafkaCommitted = true;
            });
            unitOfWork.afterCommit(work -> committed.put(batch.segment, clock.instant()));
            unitOfWork.onRollback(work -> {
                // whatever of it reached the topic must not be sent twice when it comes again
                lookUpUntil = clock.instant().plus(AFTER_FAILURE);
                committed.remove(batch.segment);
                if (batch.kafkaCommitted) {
                    producers.renew(batch.segment, batch.producer);
                } else {
                    producers.abort(batch.segment, batch.producer);
                }
            });
            return batch;
        });
    }

    /** Reads what is new on the topic once per batch, at its first lookup. */
    private boolean alreadyOnTopic(Batch batch, EventMessage<?> message) {
        boolean first = !batch.lookedUp;
        batch.lookedUp = true;
        return tail.has(message.getIdentifier(), message.getTimestamp(), first);
    }

    private final class Batch {
        final int segment;
        final Producer<String, byte[]> producer;
        final boolean segmentNew;
        boolean lookedUp;
        boolean kafkaCommitted;

        Batch(int segment) {
            this.segment = segment;
            Instant now = clock.instant();
            Instant last = committed.get(segment);
            this.segmentNew = last == null || last.isBefore(now.minus(FRESH));
            this.producer = producers.begin(segment);
        }

        boolean mayBeOnTopic(EventMessage<?> message) {
            Instant now = clock.instant();
            return segmentNew
                    || now.isBefore(lookUpUntil)
                    || message.getTimestamp().isBefore(now.minus(FRESH));
        }
    }
}
