package org.orderplatform.web.auth;

import jakarta.servlet.DispatcherType;
import java.util.List;
import java.util.Optional;
import org.orderplatform.web.problem.ProblemResponseWriter;
import org.orderplatform.web.problem.Problems;
import org.orderplatform.web.problem.StandardProblem;
import org.orderplatform.web.throttling.Throttle;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Authentication and authorization on Spring Security: API keys (no sessions, cookies or CSRF
 * tokens: every request carries its key), scopes as authorities, each module's {@link AccessRules}
 * as the request rules, customer scoping by method security ({@link CustomerAccess}), and the
 * strict firewall in front of them all. The chain runs where {@code spring.security.filter.order}
 * puts it among the servlet filters (docs/middleware.md): after correlation, before throttling.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

    @Bean
    PlatformAccess platformAccess(List<AccessRules> modules) {
        return new PlatformAccess(modules);
    }

    @Bean
    ApiKeyAuthenticationProvider apiKeyAuthenticationProvider(ApiKeyStore keys) {
        return new ApiKeyAuthenticationProvider(keys);
    }

    @Bean
    SecurityFilterChain apiSecurity(
            HttpSecurity http,
            PlatformAccess access,
            ApiKeyAuthenticationProvider keys,
            ProblemResponseWriter problems,
            ObjectProvider<Throttle> throttle)
            throws Exception {
        var entryPoint = new ApiKeyEntryPoint(problems, Optional.ofNullable(throttle.getIfAvailable()));
        http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                // the API sets Cache-Control itself where a response may be kept (ETags)
                .headers(headers -> headers.cacheControl(cache -> cache.disable()))
                .addFilterBefore(new ApiKeyAuthenticationFilter(new ProviderManager(keys)), AuthorizationFilter.class)
                .exceptionHandling(errors -> errors.authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(new ScopeDeniedHandler(problems)))
                .authorizeHttpRequests(requests -> authorize(requests, access));
        return http.build();
    }

    private static void authorize(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests,
            PlatformAccess access) {
        // an async or error dispatch belongs to a request that was already authorized
        requests.dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR)
                .permitAll();
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        access.rules().forEach(rule -> {
            var matchers = rule.methods().isEmpty()
                    ? List.of(paths.matcher(rule.pattern()))
                    : rule.methods().stream()
                            .map(method -> paths.matcher(method, rule.pattern()))
                            .toList();
            matchers.forEach(matcher -> {
                var decided = requests.requestMatchers(matcher);
                if (rule.scope().isPresent()) {
                    decided.hasAuthority(rule.scope().get().value());
                } else if (rule.requirement().equals(PlatformAccess.Requirement.ANY_KEY)) {
                    decided.authenticated();
                } else {
                    decided.permitAll();
                }
            });
        });
        access.keyedAreas()
                .forEach(area -> requests.requestMatchers(paths.matcher(area)).authenticated());
        requests.anyRequest().permitAll();
    }

    /**
     * Refuses paths that could mean different things to different readers ({@code ;parameters},
     * encoded slashes, backslashes, dots or percent signs, empty or dot segments) and control
     * characters in headers, so every later stage (authorization, throttling, routing) reads the
     * same request. Spring Security's defaults; declared to be explicit.
     */
    @Bean
    HttpFirewall httpFirewall() {
        return new StrictHttpFirewall();
    }

    /** A refused request is a 400 problem, not Spring Security's bare 500. */
    @Bean
    RequestRejectedHandler requestRejectedHandler(ProblemResponseWriter problems) {
        return (request, response, rejected) -> problems.write(
                request,
                response,
                Problems.detail(StandardProblem.MALFORMED_REQUEST, FirewallRefusals.describe(rejected)));
    }
}
