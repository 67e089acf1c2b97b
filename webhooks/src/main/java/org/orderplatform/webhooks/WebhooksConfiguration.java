package org.orderplatform.webhooks;

import org.orderplatform.webhooks.subscriptions.TargetGuard;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookProperties.class)
class WebhooksConfiguration {

    @Bean
    TargetGuard targetGuard(WebhookProperties properties) {
        return new TargetGuard(properties.allowPrivateTargets(), properties.requireHttps());
    }
}
