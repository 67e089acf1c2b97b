package org.orderplatform.webhooks.relay;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;

/**
 * One transactional producer per relay segment, {@code transactional.id} = prefix + segment: the
 * same on every node, so that the node that takes a segment over fences the one that had it (its
 * {@code initTransactions} aborts whatever that one had open, and that one can commit nothing
 * more). Each batch is one Kafka transaction: records of a batch that fails are aborted, never seen
 * by a consumer that reads committed records, even those a broker had already written.
 *
 * <p>A producer that failed to commit or abort is closed and made again for the next batch: a new
 * one's {@code initTransactions} settles what the old one left open.
 */
class SegmentProducers implements AutoCloseable {

    private final Map<String, Object> config;
    private final String idPrefix;
    private final Function<Map<String, Object>, Producer<String, byte[]>> factory;
    private final Duration closeTimeout;
    private final Map<Integer, Producer<String, byte[]>> producers = new ConcurrentHashMap<>();

    SegmentProducers(
            Map<String, Object> config,
            String idPrefix,
            Function<Map<String, Object>, Producer<String, byte[]>> factory,
            Duration closeTimeout) {
        this.config = Map.copyOf(config);
        this.idPrefix = idPrefix;
        this.factory = factory;
        this.closeTimeout = closeTimeout;
    }

    /** Begins the segment's transaction (its producer made and fenced in first, when new). */
    Producer<String, byte[]> begin(int segment) {
        Producer<String, byte[]> producer = producers.computeIfAbsent(segment, this::create);
        try {
            producer.beginTransaction();
            return producer;
        } catch (KafkaException e) {
            discard(segment, producer);
            throw new RelayProducer.RelayFailure("Could not begin the relay's Kafka transaction: " + e.getMessage(), e);
        }
    }

    /** Commits (after every record of it is acknowledged); throws when it did not happen. */
    void commit(int segment, Producer<String, byte[]> producer) {
        try {
            producer.commitTransaction();
        } catch (KafkaException e) {
            discard(segment, producer);
            throw new RelayProducer.RelayFailure("Kafka did not take the batch: " + e.getMessage(), e);
        }
    }

    void abort(int segment, Producer<String, byte[]> producer) {
        try {
            producer.abortTransaction();
        } catch (KafkaException | IllegalStateException e) {
            // (IllegalStateException: already closed, by a commit that failed)
            discard(segment, producer);
        }
    }

    /**
     * The segment's last transaction committed, but its batch did not (the token's commit
     * failed): the next batch gets a new producer, whose {@code initTransactions} returns only once
     * that transaction is settled, its records readable for the look-up the batch will make.
     */
    void renew(int segment, Producer<String, byte[]> producer) {
        discard(segment, producer);
    }

    private Producer<String, byte[]> create(int segment) {
        Map<String, Object> settings = new HashMap<>(config);
        settings.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, idPrefix + segment);
        Producer<String, byte[]> producer = factory.apply(settings);
        try {
            producer.initTransactions();
            return producer;
        } catch (KafkaException e) {
            producer.close(Duration.ZERO);
            throw new RelayProducer.RelayFailure(
                    "Could not start the relay's Kafka producer of segment " + segment + ": " + e.getMessage(), e);
        }
    }

    private void discard(int segment, Producer<String, byte[]> producer) {
        if (producers.remove(segment, producer)) {
            producer.close(Duration.ZERO);
        }
    }

    @Override
    public void close() {
        producers.values().forEach(producer -> producer.close(closeTimeout));
        producers.clear();
    }
}
