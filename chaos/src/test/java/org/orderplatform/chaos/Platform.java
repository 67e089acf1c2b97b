package org.orderplatform.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.orderplatform.embedded.EmbeddedKafkaServer;
import org.orderplatform.embedded.EmbeddedPostgresCluster;
import org.orderplatform.testsupport.PlatformProcess;

/**
 * What the suite runs: a PostgreSQL primary with two synchronous standbys (ANY 1), three Kafka
 * brokers (replication factor 3, two in sync per write), a fault-injecting TCP proxy between the
 * nodes and the primary, two platform nodes as processes (the built jar, in the chaos profile, in
 * one gossip cluster, sharing the processors' segments), and the webhook subscribers' endpoints.
 */
final class Platform implements AutoCloseable {

    static final long INITIAL_STOCK = 1_000_000;
    static final List<String> SUBSCRIBERS = List.of("steady", "flaky");

    final Path data;
    final EmbeddedPostgresCluster postgres;
    final EmbeddedKafkaServer kafka;
    final FaultProxy proxy;
    final Receiver receiver = new Receiver();
    final List<PlatformProcess> nodes = new ArrayList<>();
    final Map<String, String> subscriptions = new HashMap<>();

    /** Starts everything; what was started is stopped again when a part fails to start. */
    static Platform start(Map<String, String> extraNodeSettings) throws Exception {
        Platform platform = new Platform();
        try {
            platform.startNodes(extraNodeSettings);
            return platform;
        } catch (Exception | AssertionError e) {
            platform.close();
            throw e;
        }
    }

    private Platform() throws Exception {
        data = Files.createTempDirectory("chaos");
        postgres = EmbeddedPostgresCluster.start(data.resolve("postgres"), 2, 0, true, true);
        kafka = EmbeddedKafkaServer.startCluster(data.resolve("kafka"), 3, 0);
        proxy = new FaultProxy(postgres.primary().port());
    }

    private void startNodes(Map<String, String> extraNodeSettings) {
        String jdbcUrl =
                postgres.primary().jdbcUrl().replace(":" + postgres.primary().port() + "/", ":" + proxy.port() + "/");
        int gossipPort = PlatformProcess.freePort();
        int firstPort = PlatformProcess.freePort();
        for (int i = 1; i <= 2; i++) {
            Map<String, String> env = new HashMap<>();
            env.put("SPRING_PROFILES_ACTIVE", "chaos");
            env.put("ORDERS_DB_URL", jdbcUrl);
            env.put("ORDERS_DB_USER", "postgres");
            env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
            env.put("ORDERS_ADMIN_API_KEY", Http.ADMIN_KEY);
            // node-1's gossip port is the seed of node-2
            env.put("ORDERS_CLUSTER_PORT", i == 1 ? Integer.toString(gossipPort) : "0");
            env.put("ORDERS_CLUSTER_SEEDS", i == 1 ? "" : "127.0.0.1:" + gossipPort);
            // webhooks to the receiver on loopback, over http
            env.put("ORDERS_WEBHOOKS_ALLOW_PRIVATE_TARGETS", "true");
            env.put("ORDERS_WEBHOOKS_REQUIRE_HTTPS", "false");
            // a short retry schedule and timeout: a scenario sees deliveries retried, dead-lettered
            // and a breaker open and close within its minute
            env.put("ORDERS_WEBHOOKS_RETRY_SCHEDULE", "1s,2s,3s");
            env.put("ORDERS_WEBHOOKS_RETRY_JITTER", "0");
            env.put("ORDERS_WEBHOOKS_TIMEOUT", "2s");
            env.put("ORDERS_WEBHOOKS_BREAKER_OPEN_FOR", "2s");
            env.put("ORDERS_RELAY_SEND_TIMEOUT", "3s");
            env.put("ORDERS_RELAY_METADATA_TIMEOUT", "2s");
            env.put("ORDERS_THROTTLING_ADMIN_LIMIT", "1000000");
            // the nodes' calls to the sandbox provider carry no key
            env.put("ORDERS_THROTTLING_ANONYMOUS_LIMIT", "1000000");
            env.put("ORDERS_PAYMENT_RETRY_INTERVAL", "2s");
            // one payment provider for both, as in a deployment: node-1's sandbox (each node's
            // own keeps its authorizations in memory, so a capture on the other would not find it)
            env.put("ORDERS_PAYMENT_PROVIDER_URL", "http://127.0.0.1:" + firstPort + "/sandbox/payments");
            env.putAll(extraNodeSettings);
            nodes.add(
                    i == 1
                            ? PlatformProcess.start("node-1", firstPort, Path.of("target", "chaos"), env)
                            : PlatformProcess.start("node-" + i, Path.of("target", "chaos"), env));
        }
        await().atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    assertThat(nodes.stream().allMatch(PlatformProcess::alive))
                            .as("both nodes running (see target/chaos/node-*.log)")
                            .isTrue();
                    return nodes.stream().allMatch(Platform::ready);
                });
        for (String sku : Load.SKUS) {
            Http.Answer registered = Http.send(
                    "POST",
                    nodes.get(0).url("/admin/products"),
                    "{\"sku\":\"" + sku + "\",\"name\":\"" + sku + "\",\"initialStock\":" + INITIAL_STOCK + "}",
                    Map.of("Idempotency-Key", "product-" + sku),
                    Duration.ofSeconds(30));
            assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        }
        for (String subscriber : SUBSCRIBERS) {
            Http.Answer subscribed = Http.send(
                    "POST",
                    nodes.get(0).url("/api/v1/webhook-subscriptions"),
                    "{\"url\":\"" + receiver.url(subscriber) + "\",\"eventTypes\":" + Invariants.EVENT_TYPES_JSON + "}",
                    Map.of("Idempotency-Key", "subscription-" + subscriber),
                    Duration.ofSeconds(30));
            assertThat(subscribed.status()).as(subscribed.body()).isEqualTo(201);
            subscriptions.put(subscribed.json().get("id").asText(), subscriber);
        }
    }

    /** The nodes that are up: the load's clients go round them (a dead one refuses at once). */
    List<String> nodeUrls() {
        return nodes.stream().map(node -> node.url("")).toList();
    }

    static boolean ready(PlatformProcess node) {
        return Http.get(node.url("/actuator/health/readiness")).status() == 200;
    }

    /**
     * How many records each partition holds (its end offset), for the partitions that have a
     * leader now: one without can take no record either.
     */
    Map<Integer, Long> topicRecords() {
        Map<Integer, Long> records = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of("bootstrap.servers", kafka.bootstrapServers(), "isolation.level", "read_committed"),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            for (var info : consumer.partitionsFor(Invariants.TOPIC, Duration.ofSeconds(10))) {
                var partition = new TopicPartition(Invariants.TOPIC, info.partition());
                try {
                    records.put(
                            info.partition(),
                            consumer.endOffsets(List.of(partition), Duration.ofSeconds(5))
                                    .get(partition));
                } catch (TimeoutException e) {
                    // no leader at the moment
                }
            }
        }
        return records;
    }

    /** A connection straight to the primary, past the proxy: the suite's own reads. */
    Connection primary() throws SQLException {
        return DriverManager.getConnection(postgres.primary().jdbcUrl());
    }

    /** One admin call to whichever node answers. */
    Http.Answer admin(String method, String path, String body) {
        Http.Answer answer = Http.Answer.NONE;
        for (PlatformProcess node : nodes) {
            answer = Http.send(method, node.url(path), body, Map.of(), Duration.ofSeconds(10));
            if (answer.status() != 0 && answer.status() < 500) {
                return answer;
            }
        }
        return answer;
    }

    @Override
    public void close() throws Exception {
        for (PlatformProcess node : nodes) {
            node.close();
        }
        receiver.close();
        proxy.close();
        kafka.close();
        postgres.close();
        try (Stream<Path> files = Files.walk(data)) {
            files.sorted((a, b) -> b.compareTo(a)).forEach(path -> path.toFile().delete());
        }
    }
}
