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
 * {@code methods} (all, when empty): a key with {@code scope}, or anyone when the scope is empty.
 * The same rule is enforced on requests and written into the OpenAPI document.
 */
public record AccessRule(String pattern, Set<HttpMethod> methods, Optional<Scope> scope) {

    private static final PathPatternParser PARSER = PathPatternParser.defaultInstance;

    public AccessRule {
        PARSER.parse(pattern); // a typo fails at startup, not as an open path
        methods = Set.copyOf(methods);
    }

    /** Needs a key with the scope; for these methods only when any are given. */
    public static AccessRule needs(Scope scope, String pattern, HttpMethod... methods) {
        return new AccessRule(pattern, Set.of(methods), Optional.of(scope));
    }

    /** Open to anyone, for these methods only when any are given. */
    public static AccessRule open(String pattern, HttpMethod... methods) {
        return new AccessRule(pattern, Set.of(methods), Optional.empty());
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
        return verbs + " " + pattern + " -> " + scope.map(Scope::value).orElse("open");
    }
}
