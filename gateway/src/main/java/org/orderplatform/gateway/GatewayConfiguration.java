package org.orderplatform.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import org.orderplatform.cluster.Membership;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

@Configuration(proxyBeanMethods = false)
class GatewayConfiguration {

    @Bean
    CanaryShare canaryShare(CanaryProperties properties) {
        return new CanaryShare(properties.sharePercent());
    }

    @Bean
    EdgeFilter edgeFilter() {
        return new EdgeFilter();
    }

    @Bean
    EdgeLimitFilter edgeLimitFilter(EdgeLimitProperties limits) {
        return new EdgeLimitFilter(limits);
    }

    @Bean
    NodeBreakers nodeBreakers() {
        return new NodeBreakers();
    }

    @Bean
    CanaryGuard canaryGuard(
            CanaryShare share, CanaryProperties properties, MeterRegistry meters, NodeBreakers breakers) {
        return new CanaryGuard(share, properties, meters, breakers);
    }

    @Bean
    NodeInstances nodeInstances(Membership membership) {
        return new NodeInstances(membership);
    }

    @Bean
    AdminKeys adminKeys(NodeInstances nodes, WebClient.Builder http) {
        return new AdminKeys(nodes, http);
    }

    @Bean
    OrderAccess orderAccess(NodeInstances nodes, WebClient.Builder http, ObjectMapper json) {
        return new OrderAccess(nodes, http, json);
    }

    @Bean
    OrderEventStream orderEventStream(EventStreamProperties properties) {
        return new OrderEventStream(properties);
    }

    @Bean
    ProblemErrorHandler problemErrorHandler(ObjectMapper json) {
        return new ProblemErrorHandler(json);
    }
}
