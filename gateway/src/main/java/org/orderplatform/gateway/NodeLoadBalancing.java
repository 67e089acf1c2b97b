package org.orderplatform.gateway;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ReactorLoadBalancer;
import org.springframework.context.annotation.Bean;

/** The load balancer of the nodes' service: instances from gossip, chosen by track. */
class NodeLoadBalancing {

    /** The gateway's one view of the routable nodes (a bean of its main context). */
    @Bean
    ReactorLoadBalancer<ServiceInstance> trackAwareLoadBalancer(
            NodeInstances nodeInstances, CanaryShare share, NodeBreakers breakers) {
        return new TrackAwareLoadBalancer(nodeInstances, share, breakers);
    }
}
