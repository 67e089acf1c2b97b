package org.orderplatform.web.admin;

import java.security.SecureRandom;
import java.util.Base64;
import org.orderplatform.web.WebSupportConfiguration;
import org.orderplatform.web.problem.ProblemResponseWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the admin key check. Without {@code ORDERS_ADMIN_API_KEY} a random key is generated for
 * this run and logged once, so a local run is usable and never open.
 */
@Configuration(proxyBeanMethods = false)
class AdminKeyConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AdminKeyConfiguration.class);

    @Bean
    FilterRegistrationBean<AdminKeyFilter> adminKeyFilter(
            @Value("${orders.admin.api-key:}") String configured, ProblemResponseWriter problems) {
        String key = configured;
        if (key.isBlank()) {
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            key = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            log.warn("ORDERS_ADMIN_API_KEY is not set: generated an admin key for this run: {}", key);
        }
        var registration = new FilterRegistrationBean<>(new AdminKeyFilter(key, problems));
        registration.setOrder(WebSupportConfiguration.AUTHENTICATION_ORDER);
        return registration;
    }
}
