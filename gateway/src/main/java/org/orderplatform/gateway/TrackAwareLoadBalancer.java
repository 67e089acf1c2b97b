package org.orderplatform.gateway;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.DefaultResponse;
import org.springframework.cloud.client.loadbalancer.EmptyResponse;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.loadbalancer.core.ReactorServiceInstanceLoadBalancer;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.http.HttpHeaders;
import reactor.core.publisher.Mono;

/**
 * Round robin within the client's track: canary for the clients {@link CanaryShare} sends there
 * (while a canary node is routable), stable for the others; a track without a routable node
 * falls back to the other, so no request fails for want of a version.
 */
final class TrackAwareLoadBalancer implements ReactorServiceInstanceLoadBalancer {

    static final String CANARY = "canary";
    static final String API_KEY = "X-API-Key";

    private final ServiceInstanceListSupplier instances;
    private final CanaryShare share;
    private final AtomicInteger next = new AtomicInteger();

    TrackAwareLoadBalancer(ServiceInstanceListSupplier instances, CanaryShare share) {
        this.instances = instances;
        this.share = share;
    }

    @Override
    public Mono<Response<ServiceInstance>> choose(Request request) {
        return instances.get(request).next().map(all -> choose(all, request));
    }

    private Response<ServiceInstance> choose(List<ServiceInstance> all, Request<?> request) {
        if (all.isEmpty()) {
            return new EmptyResponse();
        }
        boolean toCanary = wantsCanary(request);
        List<ServiceInstance> track = all.stream()
                .filter(instance -> CANARY.equals(instance.getMetadata().get(NodeInstances.TRACK)) == toCanary)
                .toList();
        List<ServiceInstance> candidates = track.isEmpty() ? all : track;
        return new DefaultResponse(candidates.get(Math.floorMod(next.getAndIncrement(), candidates.size())));
    }

    private boolean wantsCanary(Request<?> request) {
        if (!(request.getContext() instanceof RequestDataContext context)) {
            return false;
        }
        HttpHeaders headers = context.getClientRequest().getHeaders();
        String key = headers.getFirst(API_KEY);
        if (key == null) {
            String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
            key = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                    ? authorization.substring(7).trim()
                    : null;
        }
        Object address = context.getClientRequest().getAttributes().get(EdgeFilter.CLIENT_ADDRESS);
        String client = key != null ? "key:" + key : "address:" + address;
        return share.canary(client, headers.getFirst(CanaryShare.OVERRIDE));
    }
}
