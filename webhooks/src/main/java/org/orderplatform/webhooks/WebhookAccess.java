package org.orderplatform.webhooks;

import static org.orderplatform.web.auth.AccessRule.needs;

import org.orderplatform.web.auth.AccessRules;
import org.orderplatform.web.auth.Scope;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Subscriptions need webhooks:manage; the webhook dead letters are an admin's. */
@Configuration(proxyBeanMethods = false)
class WebhookAccess {

    @Bean
    AccessRules webhookAccessRules() {
        return AccessRules.of(
                "webhooks",
                needs(Scope.WEBHOOKS_MANAGE, "/api/v1/webhook-subscriptions/**"),
                needs(Scope.ADMIN, "/admin/webhooks/**"));
    }
}
