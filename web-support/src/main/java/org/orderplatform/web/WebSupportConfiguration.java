package org.orderplatform.web;

import java.util.List;
import org.orderplatform.web.correlation.CorrelationIdFilter;
import org.orderplatform.web.http.ContentTypeFilter;
import org.orderplatform.web.http.RequestBodyLimitFilter;
import org.orderplatform.web.problem.ProblemCatalogue;
import org.orderplatform.web.problem.ProblemDocumentation;
import org.orderplatform.web.problem.ProblemResponseWriter;
import org.orderplatform.web.problem.ProblemTypes;
import org.orderplatform.web.problem.StandardProblem;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/**
 * Filter order for the whole application: lower runs first (docs/middleware.md). The gaps leave
 * room for the stages still to come (throttling, logging, metrics), all of which must run before
 * idempotency: a throttled or unauthenticated request must not consume a key.
 */
@Configuration(proxyBeanMethods = false)
public class WebSupportConfiguration {

    public static final int CORRELATION_ORDER = 100;
    /**
     * Spring Security's filter chain (firewall, API-key authentication, authorization): set as
     * {@code spring.security.filter.order} in application.yml, which must say this number.
     */
    public static final int SECURITY_ORDER = 200;

    /** Injected faults (tests and chaos runs only): after authentication, before any key is used. */
    public static final int FAULTS_ORDER = 250;

    public static final int THROTTLING_ORDER = 300;
    public static final int INTAKE_ORDER = 400;
    /** Changes refused at once while the database lacks the standbys to commit them. */
    public static final int WRITE_QUORUM_ORDER = 450;

    public static final int REQUEST_LOG_ORDER = 500;
    public static final int BODY_LIMIT_ORDER = 600;
    public static final int CONTENT_TYPE_ORDER = 650;
    public static final int IDEMPOTENCY_ORDER = 700;

    /** The problems any part of the API answers with; modules add their own catalogues. */
    @Bean
    ProblemCatalogue standardProblems() {
        return ProblemCatalogue.of("web-support", StandardProblem.values())
                .withMember("currentVersion", "integer", "for precondition-failed: the version the resource is at now");
    }

    @Bean
    ProblemTypes problemTypes(List<ProblemCatalogue> catalogues) {
        return new ProblemTypes(catalogues);
    }

    /** The problems every operation can answer, in the OpenAPI document. */
    @Bean
    ProblemDocumentation problemDocumentation(List<ProblemCatalogue> catalogues) {
        return new ProblemDocumentation(catalogues);
    }

    @Bean
    FilterRegistrationBean<CorrelationIdFilter> correlationIdFilter(ProblemResponseWriter problems) {
        var registration = new FilterRegistrationBean<>(new CorrelationIdFilter(problems));
        registration.setOrder(CORRELATION_ORDER);
        return registration;
    }

    @Bean
    FilterRegistrationBean<ContentTypeFilter> contentTypeFilter(ProblemResponseWriter problems) {
        var registration = new FilterRegistrationBean<>(new ContentTypeFilter(problems));
        registration.setOrder(CONTENT_TYPE_ORDER);
        return registration;
    }

    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(
            @Value("${orders.http.max-request-body-size:256KB}") DataSize maxBodySize, ProblemResponseWriter problems) {
        var registration = new FilterRegistrationBean<>(new RequestBodyLimitFilter(maxBodySize.toBytes(), problems));
        registration.setOrder(BODY_LIMIT_ORDER);
        return registration;
    }
}
