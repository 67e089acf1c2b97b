package org.orderplatform.webhooks.relay;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.InterruptException;

/**
 * A producer for records written outside the relay's transactions (the dead letters' topic):
 * idempotent, {@code acks=all}, so a retried send neither duplicates nor reorders a partition's
 * records, and an acknowledged record is on every in-sync replica. The relay itself writes through
 * {@link SegmentProducers}, with the same settings, in transactions.
 */
public class RelayProducer implements AutoCloseable {

    private final Producer<String, byte[]> producer;
    private final Duration sendTimeout;

    public RelayProducer(Map<String, Object> config, Duration sendTimeout) {
        this(new KafkaProducer<>(config), sendTimeout);
    }

    RelayProducer(Producer<String, byte[]> producer, Duration sendTimeout) {
        this.producer = producer;
        this.sendTimeout = sendTimeout;
    }

    public Future<RecordMetadata> send(ProducerRecord<String, byte[]> record) {
        return producer.send(record);
    }

    /** Returns once the broker acknowledged every send; throws if any failed or timed out. */
    public void awaitAcknowledged(List<Future<RecordMetadata>> sends) {
        // The batch is complete: what the producer still holds back for more records to join
        // (linger.ms) goes out now, instead of the batch's transaction waiting for it. A flush ends
        // within delivery.timeout.ms too: each record it waits for either gets there or fails.
        try {
            producer.flush();
        } catch (InterruptException e) {
            throw new RelayFailure("Interrupted while waiting for Kafka", e);
        }
        // delivery.timeout.ms bounds each send already; this bound only guards against a hang
        long deadline = System.nanoTime() + sendTimeout.plusSeconds(5).toNanos();
        for (Future<RecordMetadata> send : sends) {
            try {
                send.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RelayFailure("Interrupted while waiting for Kafka", e);
            } catch (ExecutionException e) {
                throw new RelayFailure(
                        "Kafka did not take the batch: " + e.getCause().getMessage(), e.getCause());
            } catch (TimeoutException e) {
                throw new RelayFailure("Kafka did not acknowledge the batch within " + sendTimeout, e);
            }
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }

    /** The batch is not on the broker; the processor will read it again. */
    public static final class RelayFailure extends RuntimeException {
        RelayFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
