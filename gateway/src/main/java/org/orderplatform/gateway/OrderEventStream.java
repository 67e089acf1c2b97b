package org.orderplatform.gateway;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.scheduler.Schedulers;

/**
 * One order's integration events, read from the events topic as they arrive. The relay keys every
 * record by its order id, so one partition holds all of an order's events, in order: the stream
 * reads that partition (from shortly before the order was created, or just after the event a
 * reconnecting client names in {@code Last-Event-ID}) and passes on the records of that order.
 * Each event's id is {@code <partition>-<offset>}: where to resume.
 */
final class OrderEventStream {

    private static final Logger log = LoggerFactory.getLogger(OrderEventStream.class);
    private static final Pattern EVENT_ID = Pattern.compile("(\\d{1,5})-(\\d{1,19})");
    private static final Duration BEFORE_CREATION = Duration.ofSeconds(30);
    private static final String EVENT_TYPE = "event-type";

    private final EventStreamProperties properties;

    OrderEventStream(EventStreamProperties properties) {
        this.properties = properties;
    }

    /** Where a reconnecting client stopped, from its Last-Event-ID; 400 when it is none of ours. */
    static Optional<Position> resumeAfter(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return Optional.empty();
        }
        Matcher matcher = EVENT_ID.matcher(lastEventId.trim());
        if (!matcher.matches()) {
            throw new ResponseStatusException(
                    HttpStatus.BAD_REQUEST, "Last-Event-ID is not an event id of this stream (<partition>-<offset>)");
        }
        try {
            return Optional.of(new Position(Integer.parseInt(matcher.group(1)), Long.parseLong(matcher.group(2))));
        } catch (NumberFormatException tooLarge) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Last-Event-ID is out of range");
        }
    }

    Flux<ServerSentEvent<String>> events(String orderId, Optional<Instant> createdAt, Optional<Position> resume) {
        return Flux.create(
                sink -> {
                    AtomicBoolean done = new AtomicBoolean();
                    KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerSettings());
                    sink.onDispose(() -> {
                        done.set(true);
                        consumer.wakeup();
                    });
                    Schedulers.boundedElastic().schedule(() -> read(consumer, orderId, createdAt, resume, sink, done));
                },
                FluxSink.OverflowStrategy.BUFFER);
    }

    private void read(
            KafkaConsumer<String, String> consumer,
            String orderId,
            Optional<Instant> createdAt,
            Optional<Position> resume,
            FluxSink<ServerSentEvent<String>> sink,
            AtomicBoolean done) {
        try (consumer) {
            int partitions = consumer.partitionsFor(properties.topic(), Duration.ofSeconds(10))
                    .size();
            int partition = Utils.toPositive(Utils.murmur2(orderId.getBytes(StandardCharsets.UTF_8))) % partitions;
            TopicPartition topicPartition = new TopicPartition(properties.topic(), partition);
            consumer.assign(List.of(topicPartition));
            if (resume.isPresent()) {
                if (resume.get().partition() != partition) {
                    sink.error(new ResponseStatusException(
                            HttpStatus.BAD_REQUEST, "Last-Event-ID is not an event of this order"));
                    return;
                }
                consumer.seek(topicPartition, resume.get().offset() + 1);
            } else if (createdAt.isPresent()) {
                // The end is taken before the search, not after it: a search finds only committed
                // records (the relay writes in transactions), and a transaction that commits
                // between the two would otherwise move the end past the order's first records.
                // Ends only grow, so whatever the search cannot see yet lies at or after this one.
                // (seekToEnd would be worse still: it is evaluated at the first poll.)
                long end = consumer.endOffsets(List.of(topicPartition), Duration.ofSeconds(10))
                        .get(topicPartition);
                Map<TopicPartition, OffsetAndTimestamp> from = consumer.offsetsForTimes(Map.of(
                        topicPartition, createdAt.get().minus(BEFORE_CREATION).toEpochMilli()));
                OffsetAndTimestamp offset = from.get(topicPartition);
                consumer.seek(topicPartition, offset != null ? Math.min(offset.offset(), end) : end);
            } else {
                consumer.seekToBeginning(List.of(topicPartition));
            }
            while (!done.get()) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (orderId.equals(record.key())) {
                        sink.next(ServerSentEvent.<String>builder(record.value())
                                .id(record.partition() + "-" + record.offset())
                                .event(eventType(record))
                                .build());
                    }
                }
            }
        } catch (WakeupException closed) {
            // the client went away
        } catch (RuntimeException failed) {
            log.warn("Event stream of order {} failed", orderId, failed);
            sink.error(failed);
        }
    }

    private static String eventType(ConsumerRecord<String, String> record) {
        Header type = record.headers().lastHeader(EVENT_TYPE);
        return type == null ? "event" : new String(type.value(), StandardCharsets.UTF_8);
    }

    private Properties consumerSettings() {
        Properties settings = new Properties();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers());
        settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        // no group: each stream reads its partition on its own, and commits nothing
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "gateway-order-events");
        return settings;
    }

    record Position(int partition, long offset) {}
}
