package org.orderplatform.app.cluster;

import static org.orderplatform.web.auth.AccessRule.needs;

import org.orderplatform.web.auth.AccessRules;
import org.orderplatform.web.auth.Scope;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The cluster view is an admin's. */
@Configuration(proxyBeanMethods = false)
class ClusterAccess {

    @Bean
    AccessRules clusterAccessRules() {
        return AccessRules.of("cluster", needs(Scope.ADMIN, "/admin/cluster"));
    }
}
