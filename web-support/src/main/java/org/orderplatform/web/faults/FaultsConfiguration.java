package org.orderplatform.web.faults;

import static org.orderplatform.web.auth.AccessRule.needs;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;
import org.orderplatform.web.WebSupportConfiguration;
import org.orderplatform.web.auth.AccessRules;
import org.orderplatform.web.auth.Scope;
import org.orderplatform.web.problem.ProblemCatalogue;
import org.orderplatform.web.problem.ProblemResponseWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Fault injection, only where {@code orders.faults.enabled=true} (tests and chaos runs). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "orders.faults.enabled", havingValue = "true")
class FaultsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(FaultsConfiguration.class);

    @Bean
    InjectedFaults injectedFaults(ApplicationEventPublisher events, MeterRegistry meters) {
        log.warn("Fault injection is enabled (orders.faults.enabled): an admin can make this node fail");
        InjectedFaults faults = new InjectedFaults(events);
        Gauge.builder("orders.faults.delayed", faults.delayed, AtomicInteger::get)
                .description("Requests an injected delay is holding now")
                .register(meters);
        return faults;
    }

    @Bean
    FilterRegistrationBean<FaultInjectionFilter> faultInjectionFilter(
            InjectedFaults faults, MeterRegistry meters, ProblemResponseWriter problems) {
        Counter injected = Counter.builder("orders.faults.injected")
                .description("Requests an injected fault made fail")
                .register(meters);
        var registration = new FilterRegistrationBean<>(new FaultInjectionFilter(faults, injected, problems));
        registration.setOrder(WebSupportConfiguration.FAULTS_ORDER);
        return registration;
    }

    @Bean
    AccessRules faultsAccessRules() {
        return AccessRules.of("faults", needs(Scope.ADMIN, FaultsController.PATH));
    }

    @Bean
    ProblemCatalogue faultProblems() {
        return ProblemCatalogue.of("faults", FaultProblem.values());
    }
}
