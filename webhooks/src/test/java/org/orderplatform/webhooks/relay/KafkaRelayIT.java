package org.orderplatform.webhooks.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.orderplatform.api.order.OrderConfirmed;
import org.orderplatform.api.order.OrderShipped;
import org.orderplatform.embedded.EmbeddedKafkaServer;

/**
 * The relay against a real broker: a batch that comes again after it reached the broker (its
 * token's commit failed; its node died and another took the segment over) puts nothing on the
 * topic twice, and a node that lost its segment while stalled can commit nothing more (fenced).
 */
class KafkaRelayIT {

    private static final String TOPIC = "relay-exactly-once";
    private static Path logs;
    private static EmbeddedKafkaServer kafka;
    private static final List<AutoCloseable> opened = new ArrayList<>();
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());

    @BeforeAll
    static void start() throws Exception {
        logs = Files.createTempDirectory("relay-it");
        kafka = EmbeddedKafkaServer.start(logs, 0);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1))).all().get();
        }
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
        kafka.close();
    }

    @Test
    void aBatchWhoseTokenCommitFailedIsNotSentTwiceWhenItComesAgain() {
        KafkaRelay relay = relay();
        List<EventMessage<?>> batch = events(Instant.now());

        assertThatThrownBy(() -> handle(relay, batch, true)).hasMessageContaining("token commit failed");
        assertThat(onTopic(batch))
                .as("the broker had the batch before the commit failed")
                .hasSize(3);

        handle(relay, batch, false);
        assertThat(onTopic(batch)).containsExactlyInAnyOrderElementsOf(ids(batch));
    }

    @Test
    void aBatchThatADeadNodeSentIsNotSentAgainByTheNodeThatTakesItsSegmentOver() {
        // stored a while ago: the segment's claim had to time out before the other node took it
        List<EventMessage<?>> batch = events(Instant.now().minusSeconds(20));
        handle(relay(), batch, false); // the node that dies after the broker acknowledged

        handle(relay(), batch, false); // another node, which knows nothing of it
        assertThat(onTopic(batch)).containsExactlyInAnyOrderElementsOf(ids(batch));
    }

    @Test
    void aNodeThatLostItsSegmentCanCommitNothingMoreAndItsRecordsAreNeverSeen() throws Exception {
        List<EventMessage<?>> batch = events(Instant.now().minusSeconds(20));
        KafkaRelay zombie = relay();
        handle(zombie, batch.subList(0, 1), false); // it had the segment
        CountDownLatch sent = new CountDownLatch(1);
        CountDownLatch takenOver = new CountDownLatch(1);
        CompletableFuture<Void> stalled = CompletableFuture.runAsync(() -> {
            UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
            try {
                for (EventMessage<?> event : batch) {
                    zombie.on(event.getPayload(), event);
                }
            } catch (Exception e) {
                unitOfWork.rollback(e);
                throw new IllegalStateException(e);
            }
            sent.countDown();
            try {
                takenOver.await(30, TimeUnit.SECONDS); // stalled while its claim ran out
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            unitOfWork.commit();
        });
        assertThat(sent.await(30, TimeUnit.SECONDS)).isTrue();

        handle(relay(), batch, false); // the node that took the segment over
        takenOver.countDown();

        assertThatThrownBy(() -> stalled.get(30, TimeUnit.SECONDS))
                .hasRootCauseInstanceOf(ProducerFencedException.class);
        assertThat(onTopic(batch)).containsExactlyInAnyOrderElementsOf(ids(batch));
    }

    @Test
    void anEventNotOnTheTopicYetIsSentWhenLookedUp() {
        KafkaRelay relay = relay();
        List<EventMessage<?>> sent = events(Instant.now().minusSeconds(20));
        handle(relay, sent.subList(0, 1), false);

        handle(relay, sent, false); // the first is there; the other two are not, and go out
        assertThat(onTopic(sent)).containsExactlyInAnyOrderElementsOf(ids(sent));
    }

    /** A node's relay: its own producers (fencing another node's of the same segment) and reader. */
    private KafkaRelay relay() {
        SegmentProducers producers = new SegmentProducers(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(),
                        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                        StringSerializer.class,
                        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                        ByteArraySerializer.class,
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true,
                        ProducerConfig.ACKS_CONFIG,
                        "all"),
                "relay-it-",
                KafkaProducer::new,
                Duration.ofSeconds(5));
        opened.add(producers);
        KafkaConsumer<String, byte[]> consumer = consumer(true);
        KafkaConsumer<String, byte[]> watermarks = consumer(false);
        opened.add(consumer);
        opened.add(watermarks);
        return new KafkaRelay(
                producers,
                json,
                TOPIC,
                new TopicTail(consumer, watermarks, TOPIC, Duration.ofSeconds(10)),
                Clock.systemUTC());
    }

    /** A consumer of no group: read committed, or (for the high watermarks) read uncommitted. */
    private static KafkaConsumer<String, byte[]> consumer(boolean readCommitted) {
        return new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(),
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        readCommitted ? "read_committed" : "read_uncommitted"),
                new StringDeserializer(),
                new ByteArrayDeserializer());
    }

    /** One batch as the processor runs it: handled, then committed (the token), or failing there. */
    private static void handle(KafkaRelay relay, List<EventMessage<?>> batch, boolean tokenCommitFails) {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        try {
            for (EventMessage<?> event : batch) {
                relay.on(event.getPayload(), event);
            }
        } catch (Exception e) {
            unitOfWork.rollback(e);
            throw new IllegalStateException(e);
        }
        if (tokenCommitFails) {
            unitOfWork.onPrepareCommit(work -> {
                throw new IllegalStateException("token commit failed");
            });
        }
        unitOfWork.commit();
    }

    private static List<EventMessage<?>> events(Instant storedAt) {
        String order = UUID.randomUUID().toString();
        List<EventMessage<?>> events = new ArrayList<>();
        for (Object payload : List.of(new OrderConfirmed(order), new OrderShipped(order), new OrderConfirmed(order))) {
            events.add(new GenericEventMessage<>(
                    new GenericMessage<>(UUID.randomUUID().toString(), payload, MetaData.emptyInstance()),
                    () -> storedAt));
        }
        return events;
    }

    private static List<String> ids(List<EventMessage<?>> events) {
        return events.stream().map(EventMessage::getIdentifier).toList();
    }

    /**
     * The ids on the topic of these events, one per record (a duplicate shows twice). Reads up to
     * the high watermarks, not the last stable offsets a read committed consumer reports: a
     * transaction's commit returns before its markers are on the partitions, and until they are,
     * the stable offset stays below its records (they would be missed, not waited for).
     */
    private static List<String> onTopic(List<EventMessage<?>> events) {
        List<String> wanted = ids(events);
        List<String> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer(true);
                KafkaConsumer<String, byte[]> watermarks = consumer(false)) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                    .map(info -> new TopicPartition(TOPIC, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = watermarks.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                if (System.nanoTime() - deadline > 0) {
                    throw new AssertionError("The topic was not read to its high watermarks within 30 s");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    String id = RecordHeaders.read(record.headers(), RecordHeaders.EVENT_ID);
                    if (wanted.contains(id)) {
                        found.add(id);
                    }
                }
            }
        }
        return found;
    }
}
