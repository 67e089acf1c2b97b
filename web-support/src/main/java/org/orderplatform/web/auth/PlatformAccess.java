package org.orderplatform.web.auth;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Every module's access rules, in one order, and the platform's defaults after them: anything
 * under {@code /api/} or {@code /admin/} that no module claims needs a valid key (any scope; such
 * a path answers 404 anyway), and everything else (health, API docs, the problem catalogue, the
 * sandboxes) is open. {@code AccessCoverageIT} checks that every endpoint under those two areas is
 * claimed by a module rule, so the default never decides an existing endpoint.
 */
public final class PlatformAccess {

    private static final List<String> KEYED_AREAS = List.of("/api/**", "/admin/**");

    private final List<AccessRules> modules;

    public PlatformAccess(List<AccessRules> modules) {
        this.modules = List.copyOf(modules);
    }

    public List<AccessRules> modules() {
        return modules;
    }

    /** The patterns that need a key when no module rule claims a request. */
    public List<String> keyedAreas() {
        return KEYED_AREAS;
    }

    /** The module rule that decides the request, if one does. */
    public Optional<AccessRule> rule(String method, String path) {
        return modules.stream()
                .flatMap(rules -> rules.find(method, path).stream())
                .findFirst();
    }

    /** What the request needs: a scope, any key, or nothing. */
    public Requirement requirement(String method, String path) {
        Optional<AccessRule> rule = rule(method, path);
        if (rule.isPresent()) {
            return rule.get().requirement();
        }
        boolean keyed =
                KEYED_AREAS.stream().anyMatch(area -> AccessRule.open(area).matches(method, path));
        return keyed ? Requirement.ANY_KEY : Requirement.OPEN;
    }

    /** All module rules, in the order they are checked. */
    public Stream<AccessRule> rules() {
        return modules.stream().flatMap(rules -> rules.rules().stream());
    }

    public sealed interface Requirement {
        Requirement OPEN = new Open();
        Requirement ANY_KEY = new AnyKey();

        record Open() implements Requirement {}

        record AnyKey() implements Requirement {}

        record Scoped(Scope scope) implements Requirement {}
    }
}
