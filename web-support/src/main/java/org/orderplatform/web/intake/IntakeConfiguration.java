package org.orderplatform.web.intake;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.orderplatform.web.WebSupportConfiguration;
import org.orderplatform.web.problem.ProblemResponseWriter;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IntakeProperties.class)
class IntakeConfiguration {

    @Bean
    Bulkhead intakeBulkhead(IntakeProperties properties, MeterRegistry meters) {
        Bulkhead bulkhead = Bulkhead.of(
                "intake",
                BulkheadConfig.custom()
                        .maxConcurrentCalls(properties.maxConcurrent())
                        .maxWaitDuration(Duration.ZERO) // refuse at once: no queue to grow
                        .build());
        Gauge.builder(
                        "orders.intake.in_use",
                        bulkhead,
                        b -> b.getBulkheadConfig().getMaxConcurrentCalls()
                                - b.getMetrics().getAvailableConcurrentCalls())
                .description("Changes being handled now (the intake bulkhead's permits in use)")
                .register(meters);
        return bulkhead;
    }

    @Bean
    FilterRegistrationBean<IntakeBulkheadFilter> intakeBulkheadFilter(
            Bulkhead intakeBulkhead,
            IntakeProperties properties,
            MeterRegistry meters,
            ProblemResponseWriter problems) {
        Counter rejected = Counter.builder("orders.intake.rejected")
                .description("Changes refused with 503 because the node was at its limit")
                .register(meters);
        var registration = new FilterRegistrationBean<>(new IntakeBulkheadFilter(
                intakeBulkhead, Math.max(1, properties.retryAfter().toSeconds()), rejected, problems));
        registration.setOrder(WebSupportConfiguration.INTAKE_ORDER);
        return registration;
    }

    @Bean("intake")
    IntakeHealthIndicator intakeHealthIndicator(Bulkhead intakeBulkhead, IntakeProperties properties) {
        return new IntakeHealthIndicator(intakeBulkhead, properties.readinessThreshold());
    }
}
