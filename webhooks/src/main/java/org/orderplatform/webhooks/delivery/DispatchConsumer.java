package org.orderplatform.webhooks.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.orderplatform.webhooks.relay.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Reads the events topic and fans each event out into deliveries. Offsets are committed only
 * after the deliveries are in PostgreSQL: a crash in between reads the records again, and the
 * unique (subscription, event) key makes the second fan-out a no-op.
 *
 * <p>Backpressure: when at least {@code pauseAt} deliveries wait for their first attempt, the consumer
 * pauses its partitions (it keeps polling, so it stays in the group, but fetches nothing) and
 * resumes at {@code resumeAt}. The backlog stays in Kafka, not in memory or in the table.
 */
class DispatchConsumer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DispatchConsumer.class);
    private static final Duration POLL = Duration.ofMillis(250);
    // paused, a poll fetches nothing: it only keeps the consumer in its group, and the backlog is
    // counted after each (up to resumeAt rows): often enough to resume well before the dispatchers
    // run out of work, rarely enough not to take the database's time from them while they drain
    private static final Duration POLL_WHILE_PAUSED = Duration.ofMillis(200);

    private final Map<String, Object> config;
    private final String topic;
    private final DeliveryStore deliveries;
    private final DeliveryDispatcher dispatcher;
    private final ObjectMapper json;
    private final WebhookMetrics metrics;
    private final int pauseAt;
    private final Supplier<List<UUID>> brokenEndpoints;
    private final int resumeAt;
    private volatile boolean running;
    private volatile boolean paused;
    private volatile int pauses;
    private volatile int resumes;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    DispatchConsumer(
            Map<String, Object> config,
            String topic,
            DeliveryStore deliveries,
            DeliveryDispatcher dispatcher,
            ObjectMapper json,
            WebhookMetrics metrics,
            int pauseAt,
            int resumeAt,
            Supplier<List<UUID>> brokenEndpoints) {
        this.config = config;
        this.topic = topic;
        this.deliveries = deliveries;
        this.dispatcher = dispatcher;
        this.json = json;
        this.metrics = metrics;
        this.pauseAt = pauseAt;
        this.resumeAt = Math.min(resumeAt, pauseAt);
        this.brokenEndpoints = brokenEndpoints;
    }

    boolean paused() {
        return paused;
    }

    int pauses() {
        return pauses;
    }

    int resumes() {
        return resumes;
    }

    /** Consumes until stopped; a consumer that fails outright is replaced (after a pause). */
    private void run() {
        while (running) {
            try {
                consume();
            } catch (RuntimeException e) {
                log.error("Webhook consumer failed; starting a new one", e);
                pauseBriefly();
            }
        }
    }

    private void consume() {
        try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(config)) {
            paused = false; // a new consumer's partitions start unpaused
            consumer = kafka;
            kafka.subscribe(List.of(topic), new KeepPaused(kafka));
            while (running) {
                ConsumerRecords<String, byte[]> records = ConsumerRecords.empty();
                try {
                    records = kafka.poll(paused ? POLL_WHILE_PAUSED : POLL);
                    if (!records.isEmpty()) {
                        deliveries.fanOut(events(records));
                        kafka.commitSync(nextOffsets(records));
                        dispatcher.wakeUp();
                    }
                    applyBackpressure(kafka);
                    metrics.consumer(lag(kafka), paused);
                } catch (WakeupException e) {
                    // stop() woke the poll
                } catch (RuntimeException e) {
                    log.warn("Webhook fan-out failed; the records are read again", e);
                    rewind(kafka, records);
                    pauseBriefly();
                }
            }
        } finally {
            consumer = null;
        }
    }

    /** Whether a consumer is connected and polling now. */
    boolean consuming() {
        return consumer != null;
    }

    private void applyBackpressure(KafkaConsumer<String, byte[]> kafka) {
        // counted only as far as the decision needs: paused, whether it is down to resumeAt yet
        int backlog = deliveries.unsentBacklog(paused ? resumeAt + 1 : pauseAt, brokenEndpoints.get());
        if (!paused && backlog >= pauseAt) {
            kafka.pause(kafka.assignment());
            paused = true;
            pauses++;
            log.info("Webhook consumer paused: {} deliveries wait", backlog);
        } else if (paused && backlog <= resumeAt) {
            kafka.resume(kafka.paused());
            paused = false;
            resumes++;
            log.info("Webhook consumer resumed: {} deliveries wait", backlog);
        }
    }

    private List<IncomingEvent> events(ConsumerRecords<String, byte[]> records) {
        List<IncomingEvent> events = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                if (record.value() == null) {
                    throw new IllegalArgumentException("no value");
                }
                String payload = new String(record.value(), StandardCharsets.UTF_8);
                JsonNode event = json.readTree(payload);
                String id = event.path("id").asText(null);
                String type = event.path("type").asText(null);
                if (id == null || type == null) {
                    throw new IllegalArgumentException("no id or type");
                }
                events.add(new IncomingEvent(
                        id,
                        type,
                        event.path("orderId").asText(null),
                        payload,
                        RecordHeaders.read(record.headers(), RecordHeaders.CORRELATION_ID),
                        RecordHeaders.read(record.headers(), RecordHeaders.TRACEPARENT)));
            } catch (Exception e) {
                // Only the relay writes this topic; a record that is not an integration event has
                // no subscriber to go to. Logged with its position, so it can be inspected.
                log.error(
                        "Skipping a record that is not an integration event at {}-{}@{}: {}",
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        e.getMessage());
                metrics.outcome("unreadable");
            }
        }
        return events;
    }

    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<String, byte[]>> part = records.records(partition);
            offsets.put(
                    partition, new OffsetAndMetadata(part.get(part.size() - 1).offset() + 1));
        }
        return offsets;
    }

    private static void rewind(KafkaConsumer<String, byte[]> kafka, ConsumerRecords<String, byte[]> records) {
        try {
            for (TopicPartition partition : records.partitions()) {
                if (kafka.assignment().contains(partition)) {
                    kafka.seek(partition, records.records(partition).get(0).offset());
                }
            }
        } catch (RuntimeException e) {
            log.warn("Could not rewind the webhook consumer", e);
        }
    }

    private static long lag(KafkaConsumer<String, byte[]> kafka) {
        long lag = 0;
        for (TopicPartition partition : kafka.assignment()) {
            lag += kafka.currentLag(partition).orElse(0);
        }
        return lag;
    }

    private void pauseBriefly() {
        try {
            Thread.sleep(1000); // back off from a failing database before reading the records again
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Partitions assigned while paused are paused too. */
    private final class KeepPaused implements ConsumerRebalanceListener {
        private final KafkaConsumer<String, byte[]> kafka;

        KeepPaused(KafkaConsumer<String, byte[]> kafka) {
            this.kafka = kafka;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {}

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (paused) {
                kafka.pause(Set.copyOf(partitions));
            }
        }
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::run, "webhook-consumer");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        KafkaConsumer<String, byte[]> kafka = consumer;
        if (kafka != null) {
            kafka.wakeup();
        }
        try {
            if (thread != null) {
                thread.join(10_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // stops before the dispatcher (higher phases stop first)
        return SmartLifecycle.DEFAULT_PHASE - 5;
    }
}
