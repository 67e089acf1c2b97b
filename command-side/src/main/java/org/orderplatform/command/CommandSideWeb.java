package org.orderplatform.command;

import static org.orderplatform.web.auth.AccessRule.needs;
import static org.orderplatform.web.auth.AccessRule.writes;

import org.orderplatform.web.auth.AccessRules;
import org.orderplatform.web.auth.Scope;
import org.orderplatform.web.problem.ProblemCatalogue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** This module's part of the HTTP API: who may send its commands (order changes need orders:write, the product catalogue admin), and its problems. */
@Configuration(proxyBeanMethods = false)
class CommandSideWeb {

    @Bean
    AccessRules commandAccessRules() {
        return AccessRules.of(
                "command-side",
                needs(Scope.ORDERS_WRITE, "/api/v1/orders/**", writes()),
                needs(Scope.ADMIN, "/admin/products/**"));
    }

    @Bean
    ProblemCatalogue commandProblems() {
        return ProblemCatalogue.of("command-side", CommandProblem.values())
                .withMember("orderStatus", "string", "for order-state-conflict: the order's status (e.g. SHIPPED)");
    }
}
