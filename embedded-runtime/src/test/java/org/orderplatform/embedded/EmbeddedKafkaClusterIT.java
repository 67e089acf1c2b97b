package org.orderplatform.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three brokers in one JVM as a write quorum: a topic gets three replicas and a write (acks=all)
 * two of them. With one broker gone writes go on; with two gone they are refused, not lost; with
 * the brokers back, every acknowledged record is there once.
 */
class EmbeddedKafkaClusterIT {

    @TempDir
    Path directory;

    @Test
    void writesNeedTwoOfThreeReplicasAndNoAcknowledgedRecordIsLost() throws Exception {
        try (EmbeddedKafkaServer kafka = EmbeddedKafkaServer.startCluster(directory, 3, 0)) {
            assertThat(kafka.brokerCount()).isEqualTo(3);
            assertThat(kafka.bootstrapServers().split(",")).hasSize(3);
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
                // the brokers' defaults decide, as the platform's topics do when nothing is configured
                admin.createTopics(
                                List.of(new NewTopic("quorum", java.util.Optional.of(1), java.util.Optional.empty())))
                        .all()
                        .get();
                TopicDescription topic = admin.describeTopics(List.of("quorum"))
                        .allTopicNames()
                        .get()
                        .get("quorum");
                assertThat(topic.partitions().get(0).replicas()).hasSize(3);
                assertThat(admin.describeConfigs(List.of(new org.apache.kafka.common.config.ConfigResource(
                                        org.apache.kafka.common.config.ConfigResource.Type.TOPIC, "quorum")))
                                .all()
                                .get()
                                .values()
                                .iterator()
                                .next()
                                .get("min.insync.replicas")
                                .value())
                        .isEqualTo("2");
            }
            List<String> acknowledged = new ArrayList<>();
            try (KafkaProducer<String, String> producer = producer(kafka)) {
                send(producer, "before", acknowledged);

                kafka.stopBroker(2);
                send(producer, "one-down", acknowledged);

                kafka.stopBroker(3);
                // one replica left: the write is refused (after retrying), never acknowledged
                assertThatThrownBy(() -> producer.send(new ProducerRecord<>("quorum", "k", "two-down"))
                                .get())
                        .isInstanceOf(ExecutionException.class)
                        .cause()
                        .isInstanceOfAny(NotEnoughReplicasException.class, TimeoutException.class);

                kafka.startBroker(2);
                kafka.startBroker(3);
                send(producer, "back", acknowledged);
            }
            assertThat(readAll(kafka)).containsSubsequence(acknowledged).doesNotHaveDuplicates();
            assertThat(readAll(kafka)).doesNotContain("two-down");
        }
    }

    private static void send(KafkaProducer<String, String> producer, String value, List<String> acknowledged)
            throws Exception {
        producer.send(new ProducerRecord<>("quorum", "k", value)).get();
        acknowledged.add(value);
    }

    private static KafkaProducer<String, String> producer(EmbeddedKafkaServer kafka) {
        return new KafkaProducer<>(
                Map.of(
                        "bootstrap.servers",
                        kafka.bootstrapServers(),
                        "acks",
                        "all",
                        "enable.idempotence",
                        true,
                        "delivery.timeout.ms",
                        6_000,
                        "request.timeout.ms",
                        2_000),
                new StringSerializer(),
                new StringSerializer());
    }

    private static List<String> readAll(EmbeddedKafkaServer kafka) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of("bootstrap.servers", kafka.bootstrapServers(), "isolation.level", "read_committed"),
                new StringDeserializer(),
                new StringDeserializer())) {
            TopicPartition partition = new TopicPartition("quorum", 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            List<String> values = new ArrayList<>();
            while (consumer.position(partition) < end) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofSeconds(1))) {
                    values.add(record.value());
                }
            }
            return values;
        }
    }
}
