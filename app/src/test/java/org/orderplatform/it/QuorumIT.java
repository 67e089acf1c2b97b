package org.orderplatform.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.orderplatform.OrderPlatformApplication;
import org.orderplatform.embedded.EmbeddedKafkaServer;
import org.orderplatform.embedded.EmbeddedPostgresCluster;
import org.orderplatform.webhooks.relay.RecordHeaders;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;

/**
 * The platform on both quorums, in one context: a PostgreSQL primary with two standbys
 * ({@code ORDERS_EMBEDDED_POSTGRES_STANDBYS=2}: a commit needs the primary and one standby) and
 * three Kafka brokers ({@code ORDERS_EMBEDDED_KAFKA_BROKERS=3}: three replicas per topic, two per
 * write). Kafka: one broker lost, the relay goes on; two lost, orders are still taken and the
 * relay stalls; the brokers back, every event is on the topic exactly once, in order. PostgreSQL:
 * one standby lost, orders are taken; both lost, changes are refused at once with 503 while reads
 * go on; a standby back, changes go on; and when the primary dies, the standby that was left has
 * every order that was acknowledged. The PostgreSQL test kills the primary: it runs last.
 */
@SpringBootTest(
        classes = OrderPlatformApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "orders.embedded.ephemeral=true",
            "orders.embedded.kafka-brokers=3",
            "orders.embedded.postgres-standbys=2",
            "orders.admin.api-key=" + PlatformIT.ADMIN_KEY,
            "orders.fulfilment.enabled=false",
            "orders.webhooks.dispatcher.enabled=false",
            "orders.webhooks.relay.send-timeout=3s",
            "orders.webhooks.relay.metadata-timeout=2s"
        })
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
@DirtiesContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QuorumIT {

    private static final String TOPIC = "orders.events.v1";
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @LocalServerPort
    int port;

    @Autowired
    EmbeddedKafkaServer kafka;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    EmbeddedPostgresCluster database;

    @Test
    @Order(1)
    void theRelayGoesOnWithOneBrokerLostAndStallsWithoutLossWithTwo() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            TopicDescription topic =
                    admin.describeTopics(List.of(TOPIC)).allTopicNames().get().get(TOPIC);
            assertThat(topic.partitions())
                    .allSatisfy(partition -> assertThat(partition.replicas()).hasSize(3));
            // and a write to it needs two of them
            ConfigResource config = new ConfigResource(ConfigResource.Type.TOPIC, TOPIC);
            assertThat(admin.describeConfigs(List.of(config))
                            .all()
                            .get()
                            .get(config)
                            .get("min.insync.replicas")
                            .value())
                    .isEqualTo("2");
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
        // (a read that cannot settle the topic's transactions in time throws: it is tried again)
        await().atMost(Duration.ofSeconds(90))
                .ignoreExceptions()
                .until(() -> onTopic().keySet().containsAll(orders));
        for (String orderId : orders) {
            List<String> expected = eventIds(orderId);
            await().atMost(Duration.ofSeconds(30))
                    .ignoreExceptions()
                    .until(() -> onTopic().get(orderId).size() >= expected.size());
            // exactly once per event id, in the order the events happened
            assertThat(onTopic().get(orderId)).as(orderId).containsExactlyElementsOf(expected);
        }
    }

    @Test
    @Order(2)
    void ordersNeedTheQuorumAndEveryAcknowledgedOneIsOnTheStandbyLeft() throws Exception {
        Api api = new Api(port);
        List<String> acknowledged = new ArrayList<>();
        acknowledged.add(api.placeOrder());

        database.stopStandby(2);
        acknowledged.add(api.placeOrder());
        acknowledged.add(api.placeOrder());

        database.stopStandby(1);
        // within a second the node knows (a change that was committing then waits for a standby)
        await().atMost(PATIENCE)
                .until(() -> api.get("/actuator/health")
                        .send()
                        .json()
                        .at("/components/writeQuorum/status")
                        .asText()
                        .equals("DOWN"));
        // then a change is refused at once, not left waiting for a standby; nothing was changed
        Api.Response refused = api.post("/api/v1/orders")
                .idempotencyKey()
                .json(OrderJson.valid())
                .within(PATIENCE)
                .send();
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.header("Retry-After")).isNotBlank();
        assertThat(refused.body()).contains("0 of the 1 standby(s)");
        // reads go on
        Api.Response read = api.get("/api/v1/orders/" + acknowledged.get(0))
                .within(PATIENCE)
                .send();
        assertThat(read.status()).as(read.body()).isEqualTo(200);

        database.startStandby(1);
        // (a client timeout, while the standby catches up, is tried again)
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
            Api.Response placed = api.post("/api/v1/orders")
                    .idempotencyKey()
                    .json(OrderJson.valid())
                    .within(PATIENCE)
                    .send();
            if (placed.status() == 201) {
                acknowledged.add(placed.json().get("orderId").asText());
                return true;
            }
            return false;
        });

        // the primary dies without a goodbye: standby1, the only one in the quorum since
        // standby2 left, has every acknowledged order
        ProcessHandle primary = database.primary().postmaster().orElseThrow();
        primary.destroyForcibly();
        primary.onExit().join();
        // (a commit waited for the standby to flush its WAL, not to replay it: it goes on
        // replaying what it has, so the rows show within moments)
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(ordersOn(database.standby(1).jdbcUrl(), acknowledged))
                        .containsExactlyInAnyOrderElementsOf(acknowledged));
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
            // to the high watermarks: a read committed consumer's end is the last stable offset,
            // below a committed transaction whose markers are not written yet
            Map<TopicPartition, Long> ends;
            try (KafkaConsumer<String, String> watermarks = new KafkaConsumer<>(
                    Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                    new StringDeserializer(),
                    new StringDeserializer())) {
                ends = watermarks.endOffsets(partitions);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("Could not read the topic to its end within 30 s");
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    byOrder.computeIfAbsent(record.key(), key -> new ArrayList<>())
                            .add(RecordHeaders.read(record.headers(), RecordHeaders.EVENT_ID));
                }
            }
        }
        return byOrder;
    }

    private static List<String> ordersOn(String jdbcUrl, List<String> orderIds) throws Exception {
        List<String> found = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
                PreparedStatement query = connection.prepareStatement(
                        "SELECT DISTINCT aggregate_identifier FROM domain_event_entry WHERE aggregate_identifier = ANY (?)")) {
            query.setArray(1, connection.createArrayOf("varchar", orderIds.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    found.add(rows.getString(1));
                }
            }
        }
        return found;
    }
}
