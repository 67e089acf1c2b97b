package org.orderplatform.app.health;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class HealthConfiguration {

    // static: a BeanPostProcessor is made before the other beans, and must not pull them in early
    @Bean
    static TimeBoundHealth timeBoundHealth(@Value("${orders.health.timeout:2s}") Duration limit) {
        return new TimeBoundHealth(limit);
    }
}
