package org.orderplatform.web.quorum;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.orderplatform.web.WebSupportConfiguration;
import org.orderplatform.web.problem.ProblemResponseWriter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The write quorum guard (docs/quorum.md); off with {@code orders.db.write-quorum-check=false}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "orders.db.write-quorum-check", havingValue = "true", matchIfMissing = true)
class WriteQuorumConfiguration {

    @Bean
    WriteQuorum writeQuorum(JdbcTemplate jdbc, @Value("${orders.db.write-quorum-max-age:1s}") Duration maxAge) {
        return new WriteQuorum(jdbc, maxAge);
    }

    @Bean
    FilterRegistrationBean<WriteQuorumFilter> writeQuorumFilter(
            WriteQuorum writeQuorum, MeterRegistry meters, ProblemResponseWriter problems) {
        Counter refused = Counter.builder("orders.write_quorum.refused")
                .description("Changes refused because the database had too few standbys to commit them")
                .register(meters);
        var registration = new FilterRegistrationBean<>(new WriteQuorumFilter(writeQuorum, refused, problems));
        registration.setOrder(WebSupportConfiguration.WRITE_QUORUM_ORDER);
        return registration;
    }

    /** In health, not readiness: reads are served without the quorum. */
    @Bean("writeQuorumHealthIndicator")
    HealthIndicator writeQuorumHealth(WriteQuorum writeQuorum) {
        return () -> writeQuorum
                .state()
                .map(state -> (state.allowsWrites() ? Health.up() : Health.down())
                        .withDetail("standbysRequired", state.required())
                        .withDetail("standbysCounted", state.counted())
                        .build())
                .orElseGet(() -> Health.unknown().build());
    }
}
