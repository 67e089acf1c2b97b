package org.orderplatform.query;

import static org.orderplatform.web.auth.AccessRule.needs;
import static org.orderplatform.web.auth.AccessRule.reads;

import org.orderplatform.web.auth.AccessRules;
import org.orderplatform.web.auth.Scope;
import org.orderplatform.web.problem.ProblemCatalogue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** This module's part of the HTTP API: its problems, and who may read its read models (orders:read), operate its projections and read an order's stored events (admin). */
@Configuration(proxyBeanMethods = false)
class QuerySideWeb {

    @Bean
    AccessRules queryAccessRules() {
        return AccessRules.of(
                "query-side",
                needs(Scope.ORDERS_READ, "/api/*/orders/**", reads()),
                needs(Scope.ORDERS_READ, "/api/v1/customers/**", reads()),
                needs(Scope.ADMIN, "/admin/projections/**"),
                needs(Scope.ADMIN, "/admin/orders/**"));
    }

    @Bean
    ProblemCatalogue queryProblems() {
        return ProblemCatalogue.of("query-side", QueryProblem.values());
    }
}
