package org.orderplatform.query.replica;

import com.zaxxer.hikari.HikariDataSource;
import org.orderplatform.query.projection.ProjectionProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReplicaProperties.class)
class ReplicaConfiguration {

    @Bean(destroyMethod = "close")
    ReadSources readSources(
            JdbcTemplate primary,
            ReplicaProperties properties,
            DataSourceProperties primaryProperties,
            ObjectProvider<ReplicaEndpoint> embeddedStandby,
            ProjectionProperties projections) {
        ReplicaEndpoint endpoint =
                properties.readUrl() == null || properties.readUrl().isBlank()
                        ? embeddedStandby.getIfAvailable()
                        : new ReplicaEndpoint(
                                properties.readUrl(),
                                orElse(properties.readUser(), primaryProperties.getUsername()),
                                orElse(properties.readPassword(), primaryProperties.getPassword()));
        return new ReadSources(
                primary,
                endpoint == null ? null : pool(endpoint, properties.readPoolSize()),
                projections.consistencyTimeout(),
                projections.consistencyPollInterval());
    }

    private static HikariDataSource pool(ReplicaEndpoint endpoint, int size) {
        HikariDataSource pool = new HikariDataSource();
        pool.setPoolName("read-replica");
        pool.setJdbcUrl(endpoint.jdbcUrl());
        pool.setUsername(endpoint.user());
        pool.setPassword(endpoint.password());
        pool.setReadOnly(true);
        pool.setMaximumPoolSize(size);
        pool.setMinimumIdle(0);
        // a standby that is away must not hold a query up: the primary answers instead
        pool.setConnectionTimeout(1_000);
        pool.setValidationTimeout(1_000);
        // a frozen standby (SIGSTOP, a dropped link) must not hold a query either: the read fails
        // as a connection failure after this long, and the primary answers
        pool.addDataSourceProperty("socketTimeout", "5");
        pool.addDataSourceProperty("tcpKeepAlive", "true");
        // no connection at startup: the node starts whether or not the standby is there
        pool.setInitializationFailTimeout(-1);
        return pool;
    }

    private static String orElse(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
