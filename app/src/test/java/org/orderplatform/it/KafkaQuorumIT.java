package org.orderplatform.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.orderplatform.OrderPlatformApplication;
import org.orderplatform.embedded.EmbeddedKafkaServer;
import org.orderplatform.webhooks.relay.RecordHeaders;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;

/**
 * The platform on a Kafka quorum (three embedded brokers, {@code ORDERS_EMBEDDED_KAFKA_BROKERS=3}):
 * its topics get three replicas and a write needs two. One broker lost, the relay goes on; two
 * lost, orders are still taken and the relay stalls; the brokers back, every event is on the
 * topic exactly once, in order.
 */
@SpringBootTest(
        classes = OrderPlatformApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "orders.embedded.ephemeral=true",
            "orders.embedded.kafka-brokers=3",
            "orders.admin.api-key=" + PlatformIT.ADMIN_KEY,
            "orders.fulfilment.enabled=false",
            "orders.webhooks.dispatcher.enabled=false",
            "orders.webhooks.relay.send-timeout=3s",
            "orders.webhooks.relay.metadata-timeout=2s"
        })
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
@DirtiesContext
class KafkaQuorumIT {

    private static final String TOPIC = "orders.events.v1";

    @LocalServerPort
    int port;

    @Autowired
    EmbeddedKafkaServer kafka;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theRelayGoesOnWithOneBrokerLostAndStallsWithoutLossWithTwo() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            TopicDescription topic =
                    admin.describeTopics(List.of(TOPIC)).allTopicNames().get().get(TOPIC);
            assertThat(topic.partitions())
                    .allSatisfy(partition -> assertThat(partition.replicas()).hasSize(3));
        }
        Api api = new Api(port);
        List<String> orders = new ArrayList<>();
        orders.add(api.placeOrder());
        await().atMost(Duration.ofSeconds(30)).until(() -> onTopic().keySet().containsAll(orders));

        kafka.stopBroker(2);
        orders.add(api.placeOrder());
        orders.add(api.placeOrder());
        await().atMost(Duration.ofSeconds(60)).until(() -> onTopic().keySet().containsAll(orders));

        kafka.stopBroker(3);
        List<String> whileStalled = List.of(api.placeOrder(), api.placeOrder());
        orders.addAll(whileStalled);
        // orders are taken; the relay cannot get two replicas to acknowledge, so it waits
        await().atMost(Duration.ofSeconds(30))
                .until(() -> api.get("/actuator/health")
                                .send()
                                .json()
                                .at("/components/relay/details/lag")
                                .asLong()
                        >= whileStalled.size());

        kafka.startBroker(2);
        kafka.startBroker(3);
        await().atMost(Duration.ofSeconds(90)).until(() -> onTopic().keySet().containsAll(orders));
        for (String orderId : orders) {
            List<String> expected = eventIds(orderId);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> onTopic().get(orderId).size() >= expected.size());
            // exactly once per event id, in the order the events happened
            assertThat(onTopic().get(orderId)).as(orderId).containsExactlyElementsOf(expected);
        }
    }

    private List<String> eventIds(String orderId) {
        return jdbc.queryForList(
                "SELECT event_identifier FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number",
                String.class,
                orderId);
    }

    /** Every record on the topic, per order: its event ids as they come, duplicates kept. */
    private Map<String, List<String>> onTopic() {
        Map<String, List<String>> byOrder = new HashMap<>();
        // no consumer group: reading must not need the offsets topic's quorum
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(),
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed"),
                new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                    .map(info -> new TopicPartition(TOPIC, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    byOrder.computeIfAbsent(record.key(), key -> new ArrayList<>())
                            .add(RecordHeaders.read(record.headers(), RecordHeaders.EVENT_ID));
                }
            }
        }
        return byOrder;
    }
}
