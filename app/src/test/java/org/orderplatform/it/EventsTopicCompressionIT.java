package org.orderplatform.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.CompressionType;
import org.apache.kafka.common.record.FileRecords;
import org.apache.kafka.common.record.RecordBatch;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.orderplatform.webhooks.WebhookProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.kafka.KafkaConnectionDetails;

/**
 * The events topic holds batches in the configured codec (gzip by default), which is what an
 * outside consumer's client has to decompress. A consumer decompresses without saying how, so
 * this reads the broker's log segment itself.
 */
class EventsTopicCompressionIT extends PlatformIT {

    @Autowired
    KafkaConnectionDetails kafka;

    @Autowired
    WebhookProperties webhooks;

    @Test
    void theEventsOfAnOrderAreStoredInBatchesOfTheConfiguredCodec() throws Exception {
        String orderId = api().placeOrder();
        ConsumerRecord<String, String> record = recordOf(orderId);
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());

        RecordBatch batch = batchHolding(partition, record.offset());

        assertThat(batch.compressionType())
                .isEqualTo(CompressionType.forName(webhooks.relay().compression()))
                .isEqualTo(CompressionType.GZIP);
    }

    private ConsumerRecord<String, String> recordOf(String orderId) {
        try (KafkaConsumer<String, String> consumer = TopicConsumer.of(bootstrapServers(), webhooks.topic())) {
            List<ConsumerRecord<String, String>> found = new ArrayList<>();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (orderId.equals(record.key())) {
                        found.add(record);
                    }
                });
                return !found.isEmpty();
            });
            return found.get(0);
        }
    }

    /** The batch of the partition's log on the broker (in-process, so its files are here) holding the offset. */
    private RecordBatch batchHolding(TopicPartition partition, long offset) throws Exception {
        File directory = new File(logDir(partition), partition.topic() + "-" + partition.partition());
        File[] segments = directory.listFiles((dir, name) -> name.endsWith(".log"));
        assertThat(segments).as("log segments in " + directory).isNotEmpty();
        for (File segment : segments) {
            RecordBatch batch = find(segment, offset);
            if (batch != null) {
                return batch;
            }
        }
        throw new AssertionError("no batch with offset " + offset + " in " + directory);
    }

    private static RecordBatch find(File segment, long offset) throws IOException {
        try (FileRecords records = FileRecords.open(segment, false)) {
            for (RecordBatch batch : records.batches()) {
                if (batch.baseOffset() <= offset && offset <= batch.lastOffset()) {
                    return batch;
                }
            }
        }
        return null;
    }

    private String logDir(TopicPartition partition) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            List<Integer> brokers =
                    admin.describeCluster().nodes().get().stream().map(Node::id).toList();
            for (Map<String, LogDirDescription> dirs :
                    admin.describeLogDirs(brokers).allDescriptions().get().values()) {
                for (Map.Entry<String, LogDirDescription> dir : dirs.entrySet()) {
                    if (dir.getValue().replicaInfos().containsKey(partition)) {
                        return dir.getKey();
                    }
                }
            }
        }
        throw new AssertionError("no log directory holds " + partition);
    }

    private String bootstrapServers() {
        return String.join(",", kafka.getBootstrapServers());
    }
}
