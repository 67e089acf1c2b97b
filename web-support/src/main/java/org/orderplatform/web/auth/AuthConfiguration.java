package org.orderplatform.web.auth;

import com.github.benmanes.caffeine.cache.Ticker;
import java.util.EnumSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuthProperties.class)
class AuthConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AuthConfiguration.class);

    @Bean
    AccessDocumentation accessDocumentation(PlatformAccess access) {
        return new AccessDocumentation(access);
    }

    @Bean
    ApiKeyCache apiKeyCache(AuthProperties properties) {
        return new ApiKeyCache(properties, Ticker.systemTicker());
    }

    @Bean(CustomerAccess.BEAN)
    CustomerAccess customerAccess() {
        return new CustomerAccess();
    }

    /**
     * This module's own paths, managing API keys, the metrics (they name clients, processors and
     * endpoints) and Chaos Monkey's endpoint: an admin's. A Prometheus scraper sends its key as a bearer token.
     */
    @Bean
    AccessRules apiKeyAccess() {
        return AccessRules.of(
                "web-support",
                AccessRule.needs(Scope.ADMIN, "/admin/api-keys/**"),
                // who the caller is: every key may ask about itself
                AccessRule.anyKey("/api/v1/api-keys/current", AccessRule.reads()),
                AccessRule.needs(Scope.ADMIN, "/actuator/metrics/**"),
                AccessRule.needs(Scope.ADMIN, "/actuator/prometheus"),
                // Chaos Monkey's switch (the chaos profile only): whoever holds it can break the node
                AccessRule.needs(Scope.ADMIN, "/actuator/chaosmonkey/**"));
    }

    /**
     * The first admin key. {@code ORDERS_ADMIN_API_KEY} set (required in prod): that value is
     * stored (hashed) as a key with every scope. Unset, and {@code orders.auth.generate-admin-key}
     * on (the local profile): when no admin key exists, one is made and printed, once.
     */
    @Bean
    ApplicationRunner bootstrapAdminKey(
            ApiKeyStore keys, AuthProperties properties, @Value("${orders.admin.api-key:}") String configured) {
        return arguments -> {
            if (!configured.isBlank()) {
                keys.ensure("bootstrap admin (ORDERS_ADMIN_API_KEY)", configured, EnumSet.allOf(Scope.class));
            } else if (properties.generateAdminKey() && !keys.hasActiveAdminKey()) {
                ApiKeyStore.CreatedKey created = keys.create("generated admin", EnumSet.allOf(Scope.class), null);
                log.warn(
                        "No admin API key existed: created one with every scope. It is shown this once: {}",
                        created.value());
            }
        };
    }
}
