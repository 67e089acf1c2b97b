package org.orderplatform.gateway;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.orderplatform.testsupport.PlatformProcess;

/**
 * One platform node for the gateway's tests (test-support's {@link PlatformProcess}): on a shared
 * PostgreSQL and Kafka, in the gossip cluster, with fault injection on. Its output goes to
 * {@code target/real-nodes/<id>.log}.
 */
final class NodeProcess implements AutoCloseable {

    static final String ADMIN_KEY = "real-nodes-admin-key";

    final String id;
    final String track;
    final int port;
    private final PlatformProcess process;

    private NodeProcess(String track, PlatformProcess process) {
        this.id = process.id();
        this.track = track;
        this.port = process.port();
        this.process = process;
    }

    static NodeProcess start(String id, String track, String jdbcUrl, String kafka, String seeds) {
        Map<String, String> env = new HashMap<>(Map.of(
                "ORDERS_NODE_TRACK",
                track,
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
                "native",
                // reads of one's own writes, on a crowded machine: more patience than the 2 s default
                "ORDERS_CONSISTENCY_TIMEOUT",
                "10s"));
        env.putAll(Map.of(
                "ORDERS_CLUSTER_SEEDS", seeds,
                // as RealNodesIT's gateway: a node busy for a second is not dropped
                "ORDERS_CLUSTER_PING_INTERVAL", "500ms",
                "ORDERS_CLUSTER_PING_TIMEOUT", "300ms",
                "ORDERS_CLUSTER_SUSPICION_MULT", "3"));
        return new NodeProcess(track, PlatformProcess.start(id, Path.of("target", "real-nodes"), env));
    }

    String url(String path) {
        return process.url(path);
    }

    boolean alive() {
        return process.alive();
    }

    /** SIGKILL: no goodbye to the cluster, no answer to requests in flight. */
    void kill() throws InterruptedException {
        process.kill();
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
