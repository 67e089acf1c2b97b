package org.orderplatform.web.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.orderplatform.web.auth.AccessRule.needs;
import static org.orderplatform.web.auth.AccessRule.open;
import static org.orderplatform.web.auth.AccessRule.reads;
import static org.orderplatform.web.auth.AccessRule.writes;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.orderplatform.web.auth.PlatformAccess.Requirement;

class PlatformAccessTest {

    private final PlatformAccess access = new PlatformAccess(List.of(
            AccessRules.of(
                    "orders",
                    needs(Scope.ORDERS_READ, "/api/*/orders/**", reads()),
                    needs(Scope.ORDERS_WRITE, "/api/v1/orders/**", writes())),
            AccessRules.of("sandbox", open("/sandbox/**"))));

    @Test
    void aModuleRuleDecidesByMethodAndPath() {
        assertThat(access.requirement("GET", "/api/v2/orders/o-1"))
                .isEqualTo(new Requirement.Scoped(Scope.ORDERS_READ));
        assertThat(access.requirement("HEAD", "/api/v1/orders")).isEqualTo(new Requirement.Scoped(Scope.ORDERS_READ));
        assertThat(access.requirement("POST", "/api/v1/orders")).isEqualTo(new Requirement.Scoped(Scope.ORDERS_WRITE));
        // a documented path template is judged as its requests are
        assertThat(access.requirement("PUT", "/api/v1/orders/{orderId}/shipping-address"))
                .isEqualTo(new Requirement.Scoped(Scope.ORDERS_WRITE));
        assertThat(access.requirement("POST", "/sandbox/payments/authorizations"))
                .isEqualTo(Requirement.OPEN);
    }

    @Test
    void whatNoRuleClaimsNeedsAKeyInTheKeyedAreasOnly() {
        assertThat(access.requirement("OPTIONS", "/api/v1/orders")).isEqualTo(Requirement.ANY_KEY);
        assertThat(access.requirement("GET", "/admin")).isEqualTo(Requirement.ANY_KEY);
        assertThat(access.requirement("GET", "/admin/anything/else")).isEqualTo(Requirement.ANY_KEY);
        assertThat(access.requirement("GET", "/apis")).isEqualTo(Requirement.OPEN);
        assertThat(access.requirement("GET", "/actuator/health")).isEqualTo(Requirement.OPEN);
    }

    @Test
    void aPatternThatCannotBeParsedFailsAtStartup() {
        assertThatThrownBy(() -> needs(Scope.ADMIN, "/admin/**/x")).isInstanceOf(RuntimeException.class);
    }
}
