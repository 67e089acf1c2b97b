package org.orderplatform.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.orderplatform.web.auth.PlatformAccess;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every endpoint that needs a key is claimed by its module's access rules: the platform's
 * default for {@code /api/**} and {@code /admin/**} (any valid key) must never be what decides a
 * real endpoint, or a new endpoint would be open to every scope.
 */
class AccessCoverageIT extends PlatformIT {

    @Autowired
    PlatformAccess access;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlers;

    @Test
    void everyKeyedEndpointIsClaimedByAModuleRule() {
        List<String> unclaimed = new ArrayList<>();
        handlers.getHandlerMethods().forEach((mapping, handler) -> {
            var methods = mapping.getMethodsCondition().getMethods();
            for (String pattern : mapping.getPatternValues()) {
                if (!(pattern.startsWith("/api/") || pattern.startsWith("/admin/"))
                        || pattern.startsWith("/api/test/")) {
                    continue; // open areas, and this suite's own test endpoints
                }
                for (RequestMethod method :
                        methods.isEmpty() ? List.of(RequestMethod.GET, RequestMethod.POST) : methods) {
                    if (access.rule(method.name(), pattern).isEmpty()) {
                        unclaimed.add(method + " " + pattern + " (" + handler + ")");
                    }
                }
            }
        });

        assertThat(unclaimed).as("endpoints no module's AccessRules claim").isEmpty();
    }

    @Test
    void aModuleRuleDecidesWhatEachPathNeeds() {
        assertThat(access.requirement("GET", "/api/v1/orders/{orderId}"))
                .isEqualTo(new PlatformAccess.Requirement.Scoped(org.orderplatform.web.auth.Scope.ORDERS_READ));
        assertThat(access.requirement("POST", "/api/v1/orders"))
                .isEqualTo(new PlatformAccess.Requirement.Scoped(org.orderplatform.web.auth.Scope.ORDERS_WRITE));
        assertThat(access.requirement("GET", "/api/v9/nothing")).isEqualTo(PlatformAccess.Requirement.ANY_KEY);
        assertThat(access.requirement("GET", "/actuator/health")).isEqualTo(PlatformAccess.Requirement.OPEN);
    }
}
