package org.orderplatform.cluster;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code orders.cluster.*}: how this node joins the others (docs/cluster.md).
 *
 * @param host the address the other members reach this one at (and its HTTP address's host)
 * @param port the gossip port; 0 takes a free one, enough for a node no one names as a seed
 * @param seeds {@code host:port} of members to join through (ORDERS_CLUSTER_SEEDS)
 * @param nodeId this node's id in the cluster; empty: {@code node-} and a random suffix
 * @param track {@code stable} or {@code canary} (ORDERS_NODE_TRACK)
 * @param version empty: the build's version
 * @param roles empty: from what runs here (api, and fulfilment / dispatcher when they are on)
 */
@ConfigurationProperties("orders.cluster")
public record ClusterProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("order-platform") String namespace,
        @DefaultValue("127.0.0.1") String host,
        @DefaultValue("0") int port,
        @DefaultValue List<String> seeds,
        @DefaultValue("") String nodeId,
        @DefaultValue("stable") String track,
        @DefaultValue("") String version,
        @DefaultValue List<String> roles,
        @DefaultValue("1s") Duration pingInterval,
        @DefaultValue("500ms") Duration pingTimeout,
        @DefaultValue("3") int suspicionMult,
        @DefaultValue("10s") Duration syncInterval,
        @DefaultValue("200ms") Duration gossipInterval,
        @DefaultValue("2s") Duration heartbeatInterval,
        @DefaultValue("10m") Duration deadRetention) {

    ClusterSettings settings() {
        return new ClusterSettings(
                namespace,
                host,
                port,
                seeds.stream().filter(seed -> !seed.isBlank()).toList(),
                pingInterval,
                pingTimeout,
                suspicionMult,
                syncInterval,
                gossipInterval,
                heartbeatInterval,
                deadRetention);
    }
}
