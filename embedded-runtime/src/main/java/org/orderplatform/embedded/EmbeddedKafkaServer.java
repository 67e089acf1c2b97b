package org.orderplatform.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real Kafka brokers in this JVM: one KRaft node, or a cluster of several (each both controller
 * and broker, a controller quorum among them), with their logs under a directory (formatted on
 * first start, reused afterwards). Not a mock: clients talk the Kafka protocol to them over TCP.
 * With three or more, topics get three replicas and a write needs two of them (acks=all):
 * one broker may be lost without losing or refusing anything.
 */
public final class EmbeddedKafkaServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaServer.class);

    private static final int CONTROLLER_ID = 100;

    private final List<Broker> nodes;
    private final List<Broker> brokers;

    private EmbeddedKafkaServer(List<Broker> nodes) {
        this.nodes = nodes;
        this.brokers = nodes.stream().filter(Broker::broker).toList();
    }

    /** One broker, its log in {@code logDirectory}; {@code port} 0 for a free one. */
    public static EmbeddedKafkaServer start(Path logDirectory, int port) {
        // Free ports are picked before binding, so another process may take one in between:
        // then try again with new ones (unless the port was fixed by configuration).
        int attempts = port > 0 ? 1 : 3;
        RuntimeException failure = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            Broker broker = new Broker(
                    1, "broker,controller", logDirectory, port > 0 ? port : FreePorts.pick(), FreePorts.pick());
            try {
                return startAll(List.of(broker));
            } catch (RuntimeException e) {
                failure = e;
                log.warn("Embedded Kafka broker failed to start (attempt {} of {})", attempt, attempts, e);
            }
        }
        throw failure;
    }

    /**
     * {@code count} brokers, broker {@code i}'s log in {@code directory/broker-i}; with a
     * {@code firstPort}, they listen on it and the ports after it, else on free ones. With more
     * than one, the metadata quorum is a controller of its own ({@code directory/controller}), so
     * that stopping brokers (a test's, an operator's rehearsal) only ever takes data replicas away.
     */
    public static EmbeddedKafkaServer startCluster(Path directory, int count, int firstPort) {
        if (count == 1) {
            return start(directory, firstPort);
        }
        List<Broker> nodes = new ArrayList<>();
        nodes.add(new Broker(CONTROLLER_ID, "controller", directory.resolve("controller"), 0, FreePorts.pick()));
        for (int id = 1; id <= count; id++) {
            nodes.add(new Broker(
                    id,
                    "broker",
                    directory.resolve("broker-" + id),
                    firstPort > 0 ? firstPort + id - 1 : FreePorts.pick(),
                    0));
        }
        return startAll(nodes);
    }

    private static EmbeddedKafkaServer startAll(List<Broker> nodes) {
        String voters = nodes.stream()
                .filter(Broker::controller)
                .map(node -> node.id + "@localhost:" + node.controllerPort)
                .collect(Collectors.joining(","));
        String clusterId = nodes.stream()
                .map(node -> existingClusterId(node.directory))
                .flatMap(Optional::stream)
                .findFirst()
                .orElseGet(() -> Uuid.randomUuid().toString());
        long brokerCount = nodes.stream().filter(Broker::broker).count();
        for (Broker node : nodes) {
            node.configure(voters, (int) brokerCount, clusterId);
        }
        EmbeddedKafkaServer cluster = new EmbeddedKafkaServer(nodes);
        try {
            // controllers first: a broker's start waits for the metadata quorum
            nodes.stream().filter(node -> !node.broker()).forEach(Broker::start);
            List<CompletableFuture<Void>> starting = nodes.stream()
                    .filter(Broker::broker)
                    .map(node -> CompletableFuture.runAsync(node::start))
                    .toList();
            CompletableFuture.allOf(starting.toArray(CompletableFuture[]::new)).join();
            awaitReady(cluster.bootstrapServers(), (int) brokerCount, Duration.ofSeconds(60));
        } catch (RuntimeException e) {
            // never leave half-started nodes holding threads, ports and log directory locks
            cluster.close();
            throw e;
        }
        log.info(
                "Embedded Kafka ({} broker{}, KRaft) started at {}, logs in {}",
                brokerCount,
                brokerCount == 1 ? "" : "s",
                cluster.bootstrapServers(),
                nodes.get(0).directory.toAbsolutePath());
        return cluster;
    }

    /** Every running broker's address, comma-separated. */
    public String bootstrapServers() {
        return brokers.stream().map(broker -> "localhost:" + broker.port).collect(Collectors.joining(","));
    }

    public int brokerCount() {
        return brokers.size();
    }

    /** Stops broker {@code id} (1 to the count), as its machine going away would; its log stays. */
    public void stopBroker(int id) {
        brokers.get(id - 1).stop();
    }

    /** Starts broker {@code id} again, on its ports and log: it catches up from the others. */
    public void startBroker(int id) {
        brokers.get(id - 1).start();
    }

    @Override
    public void close() {
        brokers.forEach(Broker::stop);
        nodes.forEach(Broker::stop);
        log.info("Embedded Kafka stopped");
    }

    /** One KRaft node: broker, controller, or both. */
    private static final class Broker {
        final int id;
        final String roles;
        final Path directory;
        final int port;
        final int controllerPort;
        private KafkaConfig config;
        private KafkaRaftServer server;

        Broker(int id, String roles, Path directory, int port, int controllerPort) {
            this.id = id;
            this.roles = roles;
            this.directory = directory;
            this.port = port;
            this.controllerPort = controllerPort;
        }

        boolean broker() {
            return roles.contains("broker");
        }

        boolean controller() {
            return roles.contains("controller");
        }

        void configure(String voters, int clusterSize, String clusterId) {
            try {
                Files.createDirectories(directory);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not create the embedded Kafka log directory " + directory, e);
            }
            config = new KafkaConfig(properties(this, voters, clusterSize), false);
            if (!Files.exists(directory.resolve("meta.properties"))) {
                format(directory, id, clusterId);
            }
        }

        synchronized void start() {
            if (server != null) {
                return;
            }
            KafkaRaftServer starting = new KafkaRaftServer(config, Time.SYSTEM);
            try {
                starting.startup();
            } catch (RuntimeException e) {
                starting.shutdown();
                starting.awaitShutdown();
                throw e;
            }
            server = starting;
        }

        synchronized void stop() {
            if (server != null) {
                server.shutdown();
                server.awaitShutdown();
                server = null;
            }
        }
    }

    private static Properties properties(Broker node, String voters, int clusterSize) {
        // replicas of every topic: all brokers, up to three; a write needs two of them when there are three
        String replicas = String.valueOf(Math.min(clusterSize, 3));
        String inSync = clusterSize >= 3 ? "2" : "1";
        List<String> listeners = new ArrayList<>();
        if (node.broker()) {
            listeners.add("PLAINTEXT://localhost:" + node.port);
        }
        if (node.controller()) {
            listeners.add("CONTROLLER://localhost:" + node.controllerPort);
        }
        Properties props = new Properties();
        props.putAll(Map.ofEntries(
                Map.entry("process.roles", node.roles),
                Map.entry("node.id", String.valueOf(node.id)),
                Map.entry("controller.quorum.voters", voters),
                Map.entry("listeners", String.join(",", listeners)),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("log.dirs", node.directory.toAbsolutePath().toString()),
                Map.entry("default.replication.factor", replicas),
                Map.entry("min.insync.replicas", inSync),
                Map.entry("offsets.topic.replication.factor", replicas),
                Map.entry("offsets.topic.num.partitions", "5"),
                Map.entry("transaction.state.log.replication.factor", replicas),
                Map.entry("transaction.state.log.min.isr", inSync),
                Map.entry("transaction.state.log.num.partitions", "5"),
                // a replica that lost its broker leaves the in-sync set within seconds, not 30
                Map.entry("replica.lag.time.max.ms", "10000"),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                Map.entry("num.partitions", "3"),
                Map.entry("auto.create.topics.enable", "false")));
        if (node.broker()) {
            props.put("advertised.listeners", "PLAINTEXT://localhost:" + node.port);
            props.put("inter.broker.listener.name", "PLAINTEXT");
        }
        return props;
    }

    private static Optional<String> existingClusterId(Path directory) {
        Path meta = directory.resolve("meta.properties");
        if (!Files.exists(meta)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (var in = Files.newInputStream(meta)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.ofNullable(properties.getProperty("cluster.id"));
    }

    private static void format(Path logDirectory, int nodeId, String clusterId) {
        String dir = logDirectory.toAbsolutePath().toString();
        try {
            new Formatter()
                    .setNodeId(nodeId)
                    .setClusterId(clusterId)
                    .setDirectories(java.util.List.of(dir))
                    .setMetadataLogDirectory(dir)
                    .setControllerListenerName("CONTROLLER")
                    .setPrintStream(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("Could not format the embedded Kafka log directory " + dir, e);
        }
    }

    private static void awaitReady(String bootstrap, int brokers, Duration timeout) {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                (int) timeout.toMillis()))) {
            long deadline = System.nanoTime() + timeout.toNanos();
            // every broker registered: topics created next get all their replicas
            while (admin.describeCluster()
                            .nodes()
                            .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                            .size()
                    < brokers) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException(brokers + " brokers did not all register");
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the embedded Kafka broker", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Embedded Kafka broker did not become ready at " + bootstrap, e);
        }
    }
}
