package org.orderplatform.sandbox;

import static org.orderplatform.web.auth.AccessRule.open;

import org.orderplatform.web.auth.AccessRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The sandboxes stand in for third parties (a payment provider, a webhook receiver): no key. */
@Configuration(proxyBeanMethods = false)
class SandboxAccess {

    @Bean
    AccessRules sandboxAccessRules() {
        return AccessRules.of("sandbox", open("/sandbox/**"));
    }
}
