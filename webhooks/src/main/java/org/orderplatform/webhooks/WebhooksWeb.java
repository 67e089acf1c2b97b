package org.orderplatform.webhooks;

import static org.orderplatform.web.auth.AccessRule.needs;

import org.orderplatform.web.auth.AccessRules;
import org.orderplatform.web.auth.Scope;
import org.orderplatform.web.problem.ProblemCatalogue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** This module's part of the HTTP API: its problems, and who may call it: subscriptions need webhooks:manage; the webhook dead letters are an admin's. */
@Configuration(proxyBeanMethods = false)
class WebhooksWeb {

    @Bean
    AccessRules webhookAccessRules() {
        return AccessRules.of(
                "webhooks",
                needs(Scope.WEBHOOKS_MANAGE, "/api/v1/webhook-subscriptions/**"),
                needs(Scope.ADMIN, "/admin/webhooks/**"));
    }

    @Bean
    ProblemCatalogue webhookProblems() {
        return ProblemCatalogue.of("webhooks", WebhookProblem.values());
    }
}
