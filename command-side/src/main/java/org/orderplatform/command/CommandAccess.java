package org.orderplatform.command;

import static org.orderplatform.web.auth.AccessRule.needs;
import static org.orderplatform.web.auth.AccessRule.writes;

import org.orderplatform.web.auth.AccessRules;
import org.orderplatform.web.auth.Scope;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Who may send this module's commands: order changes need orders:write, the product catalogue admin. */
@Configuration(proxyBeanMethods = false)
class CommandAccess {

    @Bean
    AccessRules commandAccessRules() {
        return AccessRules.of(
                "command-side",
                needs(Scope.ORDERS_WRITE, "/api/v1/orders/**", writes()),
                needs(Scope.ADMIN, "/admin/products/**"));
    }
}
