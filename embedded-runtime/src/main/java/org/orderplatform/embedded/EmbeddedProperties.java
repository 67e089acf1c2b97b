package org.orderplatform.embedded;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code orders.embedded.*}: the in-process PostgreSQL and Kafka used when {@code ORDERS_DB_URL} /
 * {@code KAFKA_BOOTSTRAP_SERVERS} are not set.
 *
 * @param enabled false refuses to start without an external database and broker
 * @param dataDir where both keep their data ({@code <dataDir>/postgres}, {@code <dataDir>/kafka})
 * @param ephemeral use a fresh temporary directory, deleted on shutdown (tests)
 * @param postgresPort fixed port for PostgreSQL, 0 for any free port
 * @param kafkaPort fixed port for the Kafka broker (the first of them), 0 for any free port
 * @param postgresStandbys streaming-replication standbys of the embedded PostgreSQL: 0, or 2 (a
 *     commit then needs the primary and one of them: W = 2 of N = 3)
 * @param kafkaBrokers how many Kafka brokers: 1 (quick), or 3 (topics with three replicas, writes
 *     acknowledged by two: one broker may be lost)
 */
@ConfigurationProperties("orders.embedded")
public record EmbeddedProperties(
        Boolean enabled,
        Path dataDir,
        Boolean ephemeral,
        Integer postgresPort,
        Integer kafkaPort,
        Integer postgresStandbys,
        Integer kafkaBrokers) {

    public EmbeddedProperties {
        enabled = enabled == null || enabled;
        dataDir = dataDir == null ? Path.of("data") : dataDir;
        ephemeral = ephemeral != null && ephemeral;
        postgresPort = postgresPort == null ? 0 : postgresPort;
        kafkaPort = kafkaPort == null ? 0 : kafkaPort;
        postgresStandbys = postgresStandbys == null ? 0 : postgresStandbys;
        if (postgresStandbys < 0 || postgresStandbys > 4) {
            throw new IllegalArgumentException(
                    "orders.embedded.postgres-standbys must be 0 to 4, not " + postgresStandbys);
        }
        kafkaBrokers = kafkaBrokers == null ? 1 : kafkaBrokers;
        if (kafkaBrokers < 1 || kafkaBrokers > 5) {
            throw new IllegalArgumentException("orders.embedded.kafka-brokers must be 1 to 5, not " + kafkaBrokers);
        }
    }
}
