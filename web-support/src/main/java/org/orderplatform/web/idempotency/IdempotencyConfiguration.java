package org.orderplatform.web.idempotency;

import org.orderplatform.web.WebSupportConfiguration;
import org.orderplatform.web.problem.ProblemResponseWriter;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdempotencyProperties.class)
class IdempotencyConfiguration {

    @Bean
    IdempotencyKeyDocumentation idempotencyKeyDocumentation(IdempotencyProperties properties) {
        return new IdempotencyKeyDocumentation(properties);
    }

    @Bean
    FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(
            IdempotencyKeyStore store,
            PlatformTransactionManager transactions,
            ProblemResponseWriter problems,
            IdempotencyProperties properties) {
        var registration =
                new FilterRegistrationBean<>(new IdempotencyFilter(store, transactions, problems, properties));
        registration.setOrder(WebSupportConfiguration.IDEMPOTENCY_ORDER);
        return registration;
    }
}
