package org.orderplatform.embedded;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcConnectionDetails;
import org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration;
import org.springframework.boot.autoconfigure.kafka.KafkaConnectionDetails;
import org.springframework.boot.autoconfigure.liquibase.LiquibaseAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Starts the embedded PostgreSQL and/or Kafka broker when the application has no external one
 * ({@code spring.datasource.url} / {@code spring.kafka.bootstrap-servers} empty), and hands their
 * addresses to Spring Boot as connection details, so everything downstream (DataSource, Liquibase,
 * Kafka clients) is configured exactly as for external servers.
 */
@AutoConfiguration(
        before = {DataSourceAutoConfiguration.class, LiquibaseAutoConfiguration.class, KafkaAutoConfiguration.class})
@EnableConfigurationProperties(EmbeddedProperties.class)
public class EmbeddedInfrastructureAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    @Conditional(NoExternalInfrastructure.Either.class)
    EmbeddedDataDirectory embeddedDataDirectory(EmbeddedProperties properties) {
        return EmbeddedDataDirectory.of(properties);
    }

    @Configuration(proxyBeanMethods = false)
    @Conditional(NoExternalInfrastructure.Database.class)
    static class EmbeddedPostgresConfiguration {

        @Bean(destroyMethod = "close")
        EmbeddedPostgresCluster embeddedPostgresCluster(EmbeddedProperties properties, EmbeddedDataDirectory data) {
            requireEnabled(properties, "ORDERS_DB_URL (with ORDERS_DB_USER and ORDERS_DB_PASSWORD)");
            // Spring stops it (destroyMethod), after the web server has drained: no JVM hook of its own
            EmbeddedPostgresCluster cluster = EmbeddedPostgresCluster.start(
                    data.resolve("postgres"),
                    properties.postgresStandbys(),
                    properties.postgresPort(),
                    !data.ephemeral(),
                    false);
            // a primary killed under the platform comes back by itself, as a service manager would do it
            cluster.primary().supervise(Duration.ofSeconds(1));
            return cluster;
        }

        /** The primary: what the platform connects to (the cluster bean stops it). */
        @Bean(destroyMethod = "")
        EmbeddedPostgresServer embeddedPostgresServer(EmbeddedPostgresCluster cluster) {
            return cluster.primary();
        }

        @Bean
        JdbcConnectionDetails embeddedJdbcConnectionDetails(EmbeddedPostgresServer server) {
            return new JdbcConnectionDetails() {
                @Override
                public String getUsername() {
                    return EmbeddedPostgresServer.USER;
                }

                @Override
                public String getPassword() {
                    return null;
                }

                @Override
                public String getJdbcUrl() {
                    return server.jdbcUrl();
                }
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    @Conditional(NoExternalInfrastructure.Broker.class)
    static class EmbeddedKafkaConfiguration {

        @Bean(destroyMethod = "close")
        EmbeddedKafkaServer embeddedKafkaServer(EmbeddedProperties properties, EmbeddedDataDirectory data) {
            requireEnabled(properties, "KAFKA_BOOTSTRAP_SERVERS");
            return EmbeddedKafkaServer.startCluster(
                    data.resolve("kafka"), properties.kafkaBrokers(), properties.kafkaPort());
        }

        @Bean
        KafkaConnectionDetails embeddedKafkaConnectionDetails(EmbeddedKafkaServer server) {
            return () -> List.of(server.bootstrapServers());
        }
    }

    private static void requireEnabled(EmbeddedProperties properties, String setting) {
        if (!properties.enabled()) {
            throw new IllegalStateException(
                    "The embedded servers are disabled (orders.embedded.enabled=false) and " + setting + " is not set");
        }
    }
}
