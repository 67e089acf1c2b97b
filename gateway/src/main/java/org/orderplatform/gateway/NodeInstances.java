package org.orderplatform.gateway;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.orderplatform.cluster.MemberView;
import org.orderplatform.cluster.Membership;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import reactor.core.publisher.Flux;

/**
 * The nodes a request may go to, read from the gossip membership at every request: alive, ready,
 * serving the API, and listening. A node whose readiness goes down, that leaves, or that dies is
 * out of this list as soon as the gossip says so; nothing here caches it.
 */
final class NodeInstances implements ServiceInstanceListSupplier {

    static final String SERVICE = "order-nodes";
    static final String TRACK = "track";

    private final Membership membership;

    NodeInstances(Membership membership) {
        this.membership = membership;
    }

    @Override
    public String getServiceId() {
        return SERVICE;
    }

    @Override
    public Flux<List<ServiceInstance>> get() {
        return Flux.defer(() -> Flux.just(routable()));
    }

    List<ServiceInstance> routable() {
        return membership.alive().stream()
                .filter(member -> member.metadata().ready()
                        && member.metadata().roles().contains("api")
                        && !member.metadata().httpAddress().isBlank())
                .map(NodeInstances::instance)
                .toList();
    }

    private static ServiceInstance instance(MemberView member) {
        URI address = URI.create(member.metadata().httpAddress());
        return new DefaultServiceInstance(
                member.id(),
                SERVICE,
                address.getHost(),
                address.getPort(),
                "https".equals(address.getScheme()),
                Map.of(
                        TRACK,
                        member.metadata().track(),
                        "version",
                        member.metadata().version()));
    }
}
