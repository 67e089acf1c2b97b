package org.orderplatform.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

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
    ProblemErrorHandler problemErrorHandler(ObjectMapper json) {
        return new ProblemErrorHandler(json);
    }
}
