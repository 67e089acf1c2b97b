package org.orderplatform.web.throttling;

import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.micrometer.core.instrument.MeterRegistry;
import javax.sql.DataSource;
import org.orderplatform.web.WebSupportConfiguration;
import org.orderplatform.web.problem.ProblemResponseWriter;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ThrottlingProperties.class)
@ConditionalOnProperty(name = "orders.throttling.enabled", matchIfMissing = true)
class ThrottlingConfiguration {

    /**
     * Buckets in the rate_limit_bucket table, each read and written under a row lock, committed
     * without waiting for synchronous standbys (LocalCommitDataSource).
     */
    @Bean
    ProxyManager<String> rateLimitBuckets(DataSource dataSource) {
        return Bucket4jPostgreSQL.selectForUpdateBasedBuilder(new LocalCommitDataSource(dataSource))
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("rate_limit_bucket")
                .idColumn("id")
                .stateColumn("state")
                .build();
    }

    /** One proxy per client on this node, most of whose tokens need no round trip. */
    @Bean
    ClientBuckets clientBuckets(ProxyManager<String> rateLimitBuckets, ThrottlingProperties properties) {
        return new ClientBuckets(rateLimitBuckets, properties);
    }

    @Bean
    Throttle throttle(
            ClientBuckets clientBuckets,
            ThrottlingProperties properties,
            ProblemResponseWriter problems,
            MeterRegistry meters) {
        return new Throttle(clientBuckets, properties, problems, meters);
    }

    @Bean
    FilterRegistrationBean<ThrottlingFilter> throttlingFilter(Throttle throttle) {
        var registration = new FilterRegistrationBean<>(new ThrottlingFilter(throttle));
        registration.setOrder(WebSupportConfiguration.THROTTLING_ORDER);
        return registration;
    }
}
