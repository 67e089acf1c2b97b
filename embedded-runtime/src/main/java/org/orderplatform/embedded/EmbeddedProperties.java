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
 * @param kafkaPort fixed port for the Kafka broker, 0 for any free port
 */
@ConfigurationProperties("orders.embedded")
public record EmbeddedProperties(
        Boolean enabled, Path dataDir, Boolean ephemeral, Integer postgresPort, Integer kafkaPort) {

    public EmbeddedProperties {
        enabled = enabled == null || enabled;
        dataDir = dataDir == null ? Path.of("data") : dataDir;
        ephemeral = ephemeral != null && ephemeral;
        postgresPort = postgresPort == null ? 0 : postgresPort;
        kafkaPort = kafkaPort == null ? 0 : kafkaPort;
    }
}
