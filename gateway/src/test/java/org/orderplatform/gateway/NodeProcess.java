package org.orderplatform.gateway;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One platform node, the built jar ({@code app/target/order-platform.jar}) run as a process of its
 * own on loopback, as a deployment runs it: on a shared PostgreSQL and Kafka, in the gossip
 * cluster, with fault injection on. Its output goes to {@code target/real-nodes/<id>.log}.
 */
final class NodeProcess implements AutoCloseable {

    static final String ADMIN_KEY = "real-nodes-admin-key";

    final String id;
    final String track;
    final int port;
    private final Process process;

    private NodeProcess(String id, String track, int port, Process process) {
        this.id = id;
        this.track = track;
        this.port = port;
        this.process = process;
    }

    static NodeProcess start(String id, String track, String jdbcUrl, String kafka, String seeds) {
        Path jar = platformJar();
        int port = freePort();
        Path log = Path.of("target", "real-nodes", id + ".log");
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(
                            javaBinary(),
                            "-Xmx512m",
                            // two nodes start on two cores: the quick compiler gets them up sooner
                            "-XX:TieredStopAtLevel=1",
                            "-jar",
                            jar.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            Map<String, String> env = builder.environment();
            env.putAll(Map.of(
                    "PORT",
                    Integer.toString(port),
                    "ORDERS_NODE_ID",
                    id,
                    "ORDERS_NODE_TRACK",
                    track,
                    "ORDERS_EMBEDDED_ENABLED",
                    "false",
                    "ORDERS_DB_URL",
                    jdbcUrl,
                    "ORDERS_DB_USER",
                    "postgres",
                    "KAFKA_BOOTSTRAP_SERVERS",
                    kafka,
                    "ORDERS_ADMIN_API_KEY",
                    ADMIN_KEY,
                    "ORDERS_FAULTS_ENABLED",
                    "true",
                    "ORDERS_FORWARD_HEADERS_STRATEGY",
                    "native"));
            env.putAll(Map.of(
                    "ORDERS_CLUSTER_SEEDS", seeds,
                    "ORDERS_CLUSTER_PING_INTERVAL", "200ms",
                    "ORDERS_CLUSTER_PING_TIMEOUT", "100ms",
                    "ORDERS_CLUSTER_SUSPICION_MULT", "2"));
            return new NodeProcess(id, track, port, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start node " + id, e);
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL: no goodbye to the cluster, no answer to requests in flight. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    /** app/target/order-platform.jar, built by the reactor before this module's tests. */
    private static Path platformJar() {
        List<Path> candidates = List.of(
                Path.of("..", "app", "target", "order-platform.jar"), Path.of("app", "target", "order-platform.jar"));
        return candidates.stream()
                .filter(Files::isRegularFile)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "No platform jar at " + candidates + ": build it first (mvn -DskipTests package)"));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String javaBinary() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }
}
