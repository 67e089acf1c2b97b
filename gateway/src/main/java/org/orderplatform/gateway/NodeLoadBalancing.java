package org.orderplatform.gateway;

import org.orderplatform.cluster.Membership;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ReactorLoadBalancer;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.context.annotation.Bean;

/** The load balancer of the nodes' service: instances from gossip, chosen by track. */
class NodeLoadBalancing {

    @Bean
    ServiceInstanceListSupplier nodeInstances(Membership membership) {
        return new NodeInstances(membership);
    }

    @Bean
    ReactorLoadBalancer<ServiceInstance> trackAwareLoadBalancer(
            ServiceInstanceListSupplier nodeInstances, CanaryShare share, NodeBreakers breakers) {
        return new TrackAwareLoadBalancer(nodeInstances, share, breakers);
    }
}
