package org.orderplatform.cluster;

import java.time.Duration;
import java.util.List;

/**
 * How a member joins and how fast failures are detected. A member that stops answering is
 * suspected after a missed ping ({@code pingInterval}, {@code pingTimeout}, also asked through
 * others) and removed once the suspicion times out: {@code suspicionMult} x log2(cluster size) x
 * {@code pingInterval}. docs/cluster.md has the figures.
 *
 * @param host the address the others reach this member at
 * @param port the gossip port; 0 takes a free one (fine unless the member is someone's seed)
 * @param seeds {@code host:port} of members to join through; empty: start a cluster
 */
public record ClusterSettings(
        String namespace,
        String host,
        int port,
        List<String> seeds,
        Duration pingInterval,
        Duration pingTimeout,
        int suspicionMult,
        Duration syncInterval,
        Duration gossipInterval,
        Duration heartbeatInterval,
        Duration deadRetention) {

    public ClusterSettings {
        seeds = List.copyOf(seeds);
    }

    /** The platform's defaults (orders.cluster.*), on loopback and a free port. */
    public static ClusterSettings defaults(List<String> seeds) {
        return new ClusterSettings(
                "order-platform",
                "127.0.0.1",
                0,
                seeds,
                Duration.ofSeconds(1),
                Duration.ofMillis(500),
                3,
                Duration.ofSeconds(10),
                Duration.ofMillis(200),
                Duration.ofSeconds(2),
                Duration.ofMinutes(10));
    }

    /** Loopback, a free port, and detection in about a second: for tests and local runs. */
    public static ClusterSettings loopback(List<String> seeds) {
        return new ClusterSettings(
                "order-platform",
                "127.0.0.1",
                0,
                seeds,
                Duration.ofMillis(200),
                Duration.ofMillis(100),
                2,
                Duration.ofSeconds(2),
                Duration.ofMillis(100),
                Duration.ofMillis(500),
                Duration.ofMinutes(10));
    }
}
