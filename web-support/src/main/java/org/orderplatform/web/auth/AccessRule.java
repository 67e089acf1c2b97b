package org.orderplatform.web.auth;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Who may call the paths matching {@code pattern} (a Spring path pattern) with one of
 * {@code methods} (all, when empty): a key with a scope, any key, or anyone. The same rule is
 * enforced on requests and written into the OpenAPI document.
 */
public record AccessRule(String pattern, Set<HttpMethod> methods, PlatformAccess.Requirement requirement) {

    private static final PathPatternParser PARSER = PathPatternParser.defaultInstance;

    public AccessRule {
        PARSER.parse(pattern); // a typo fails at startup, not as an open path
        methods = Set.copyOf(methods);
    }

    /** Needs a key with the scope; for these methods only when any are given. */
    public static AccessRule needs(Scope scope, String pattern, HttpMethod... methods) {
        return new AccessRule(pattern, Set.of(methods), new PlatformAccess.Requirement.Scoped(scope));
    }

    /** Open to anyone, for these methods only when any are given. */
    public static AccessRule open(String pattern, HttpMethod... methods) {
        return new AccessRule(pattern, Set.of(methods), PlatformAccess.Requirement.OPEN);
    }

    /** Needs a key, whichever its scopes: for what every caller may ask about itself. */
    public static AccessRule anyKey(String pattern, HttpMethod... methods) {
        return new AccessRule(pattern, Set.of(methods), PlatformAccess.Requirement.ANY_KEY);
    }

    /** The scope it needs, if it needs one. */
    public Optional<Scope> scope() {
        return requirement instanceof PlatformAccess.Requirement.Scoped scoped
                ? Optional.of(scoped.scope())
                : Optional.empty();
    }

    /** Reading: GET and HEAD (Spring MVC answers HEAD with the GET handler). */
    public static HttpMethod[] reads() {
        return new HttpMethod[] {HttpMethod.GET, HttpMethod.HEAD};
    }

    /** Every method that changes something. */
    public static HttpMethod[] writes() {
        return new HttpMethod[] {HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE};
    }

    /** Whether a request (or a documented operation, by its path template) falls under this rule. */
    public boolean matches(String method, String path) {
        if (!methods.isEmpty() && !methods.contains(HttpMethod.valueOf(method.toUpperCase(Locale.ROOT)))) {
            return false;
        }
        PathPattern parsed = PARSER.parse(pattern);
        return parsed.matches(PathContainer.parsePath(path));
    }

    @Override
    public String toString() {
        String verbs = methods.isEmpty()
                ? "*"
                : Stream.of(methods.toArray(HttpMethod[]::new))
                        .map(HttpMethod::name)
                        .sorted()
                        .collect(Collectors.joining(","));
        String needs = scope().map(Scope::value)
                .orElse(requirement.equals(PlatformAccess.Requirement.ANY_KEY) ? "any key" : "open");
        return verbs + " " + pattern + " -> " + needs;
    }
}
