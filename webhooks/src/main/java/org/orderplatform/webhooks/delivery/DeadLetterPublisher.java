package org.orderplatform.webhooks.delivery;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.orderplatform.webhooks.relay.RelayProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Copies new dead letters to the {@code orders.webhooks.dlq} topic (the table is its outbox): a
 * letter is marked published in the transaction that waited for the broker's acknowledgement,
 * and is locked meanwhile, so each is published by one node, and again only if that failed.
 */
class DeadLetterPublisher {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterPublisher.class);
    private static final int BATCH = 100;

    private final WebhookDeadLetters deadLetters;
    private final RelayProducer producer;
    private final TransactionTemplate transactions;
    private final ObjectMapper json;
    private final String topic;
    private final WebhookMetrics metrics;

    DeadLetterPublisher(
            WebhookDeadLetters deadLetters,
            RelayProducer producer,
            TransactionTemplate transactions,
            ObjectMapper json,
            String topic,
            WebhookMetrics metrics) {
        this.deadLetters = deadLetters;
        this.producer = producer;
        this.transactions = transactions;
        this.json = json;
        this.topic = topic;
        this.metrics = metrics;
    }

    @Scheduled(fixedDelayString = "${orders.webhooks.dispatcher.dlq-publish-interval:1s}")
    void publish() {
        try {
            Integer published;
            do {
                published = transactions.execute(status -> publishBatch());
            } while (published != null && published == BATCH);
            metrics.deadLetters(deadLetters.count());
        } catch (RuntimeException e) {
            log.warn("Could not publish webhook dead letters to {}; trying again later: {}", topic, e.getMessage());
        }
    }

    private int publishBatch() {
        List<WebhookDeadLetters.Unpublished> letters = deadLetters.lockUnpublished(BATCH);
        if (letters.isEmpty()) {
            return 0;
        }
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        for (WebhookDeadLetters.Unpublished letter : letters) {
            sends.add(producer.send(
                    new ProducerRecord<>(topic, letter.subscriptionId().toString(), body(letter))));
        }
        producer.awaitAcknowledged(sends);
        deadLetters.markPublished(
                letters.stream().map(WebhookDeadLetters.Unpublished::deliveryId).toList());
        return letters.size();
    }

    private byte[] body(WebhookDeadLetters.Unpublished letter) {
        try {
            return json.writeValueAsBytes(new DeadLetterRecord(
                    letter.deliveryId(),
                    letter.subscriptionId(),
                    letter.webhookId(),
                    letter.eventType(),
                    letter.reason(),
                    letter.attempts(),
                    letter.deadAt(),
                    letter.payload()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The DLQ topic's record value; {@code event} is the integration event as it was to be delivered. */
    record DeadLetterRecord(
            UUID deliveryId,
            UUID subscriptionId,
            String webhookId,
            String eventType,
            String reason,
            int attempts,
            Instant deadAt,
            @JsonRawValue String event) {}
}
