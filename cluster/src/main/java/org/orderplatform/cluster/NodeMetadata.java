package org.orderplatform.cluster;

import java.io.Serializable;
import java.util.List;

/**
 * What a member tells the others about itself, by gossip.
 *
 * @param nodeId stable for the process's life, unique in the cluster
 * @param httpAddress where its HTTP API answers ({@code http://host:port}), empty until it listens
 * @param track {@code stable} or {@code canary}: the release track a gateway routes by
 * @param version the build it runs
 * @param ready its readiness (a gateway routes only to ready nodes)
 * @param roles what it does: {@code api}, {@code fulfilment}, {@code dispatcher}, {@code gateway}
 */
public record NodeMetadata(
        String nodeId, String httpAddress, String track, String version, boolean ready, List<String> roles)
        // ScaleCube insists on it; on the wire it is JSON (JsonMetadataCodec), never Java serialization
        implements Serializable {

    public NodeMetadata {
        roles = List.copyOf(roles);
    }

    /** A member whose metadata has not arrived yet: nothing known, and not ready. */
    static NodeMetadata unknown(String nodeId) {
        return new NodeMetadata(nodeId, "", "", "", false, List.of());
    }

    public NodeMetadata withHttpAddress(String address) {
        return new NodeMetadata(nodeId, address, track, version, ready, roles);
    }

    public NodeMetadata withReady(boolean isReady) {
        return new NodeMetadata(nodeId, httpAddress, track, version, isReady, roles);
    }
}
