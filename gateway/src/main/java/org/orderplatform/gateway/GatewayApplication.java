package org.orderplatform.gateway;

import org.orderplatform.cluster.ClusterConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClient;
import org.springframework.context.annotation.Import;

/**
 * The gateway: the one address clients use. It is a member of the nodes' gossip cluster and routes
 * to the nodes that cluster reports alive and ready (docs/gateway.md).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(ClusterConfiguration.class)
@LoadBalancerClient(name = NodeInstances.SERVICE, configuration = NodeLoadBalancing.class)
public class GatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(GatewayApplication.class, args);
    }
}
