package org.orderplatform.web.auth;

import java.util.List;
import java.util.Optional;

/**
 * The access rules one module declares for the paths it serves, as a bean. The security filter
 * chain enforces every module's rules; what no rule claims falls to the platform's defaults
 * ({@link PlatformAccess}): a key for anything under {@code /api/} or {@code /admin/}, nothing
 * elsewhere.
 */
public record AccessRules(String module, List<AccessRule> rules) {

    public AccessRules {
        rules = List.copyOf(rules);
    }

    public static AccessRules of(String module, AccessRule... rules) {
        return new AccessRules(module, List.of(rules));
    }

    /** The first of these rules that covers the request. */
    public Optional<AccessRule> find(String method, String path) {
        return rules.stream().filter(rule -> rule.matches(method, path)).findFirst();
    }
}
