package org.orderplatform.gateway;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.DefaultResponse;
import org.springframework.cloud.client.loadbalancer.EmptyResponse;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.cloud.loadbalancer.core.ReactorServiceInstanceLoadBalancer;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import reactor.core.publisher.Mono;

/**
 * Round robin within the client's track: canary for the clients {@link CanaryShare} sends there
 * (while a canary node is routable), stable for the others; a track without a routable node
 * falls back to the other, so no request fails for want of a version.
 */
final class TrackAwareLoadBalancer implements ReactorServiceInstanceLoadBalancer {

    static final String CANARY = "canary";
    static final String API_KEY = "X-API-Key";
    // the node the load balancer chose for this request's last attempt (Spring Cloud Gateway's)
    private static final String PREVIOUS = ServerWebExchangeUtils.GATEWAY_LOADBALANCER_RESPONSE_ATTR;

    private final ServiceInstanceListSupplier instances;
    private final CanaryShare share;
    private final NodeBreakers breakers;
    private final AtomicInteger next = new AtomicInteger();

    TrackAwareLoadBalancer(ServiceInstanceListSupplier instances, CanaryShare share, NodeBreakers breakers) {
        this.instances = instances;
        this.share = share;
        this.breakers = breakers;
    }

    @Override
    public Mono<Response<ServiceInstance>> choose(Request request) {
        return instances.get(request).next().map(all -> choose(all, request));
    }

    private Response<ServiceInstance> choose(List<ServiceInstance> all, Request<?> request) {
        if (all.isEmpty()) {
            return new EmptyResponse();
        }
        // a retry: not the node that just failed, while there is another
        String failed = previousAttempt(request);
        List<ServiceInstance> others = all.stream()
                .filter(instance -> !instance.getInstanceId().equals(failed))
                .toList();
        // nor a node whose breaker is open, while another is admitted
        List<ServiceInstance> admitted = (others.isEmpty() ? all : others)
                .stream()
                        .filter(instance -> breakers.admits(instance.getInstanceId()))
                        .toList();
        List<ServiceInstance> usable = !admitted.isEmpty() ? admitted : others.isEmpty() ? all : others;
        boolean toCanary = wantsCanary(request);
        List<ServiceInstance> track = usable.stream()
                .filter(instance -> CANARY.equals(instance.getMetadata().get(NodeInstances.TRACK)) == toCanary)
                .toList();
        List<ServiceInstance> candidates = track.isEmpty() ? usable : track;
        return new DefaultResponse(candidates.get(Math.floorMod(next.getAndIncrement(), candidates.size())));
    }

    private static String previousAttempt(Request<?> request) {
        if (request.getContext() instanceof RequestDataContext context
                && context.getClientRequest().getAttributes().get(PREVIOUS) instanceof Response<?> previous
                && previous.getServer() instanceof ServiceInstance node) {
            return node.getInstanceId();
        }
        return null;
    }

    private boolean wantsCanary(Request<?> request) {
        if (!(request.getContext() instanceof RequestDataContext context)) {
            return false;
        }
        Object client = context.getClientRequest().getAttributes().get(EdgeFilter.CLIENT);
        return share.canary(
                String.valueOf(client), context.getClientRequest().getHeaders().getFirst(CanaryShare.OVERRIDE));
    }
}
