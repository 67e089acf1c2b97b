package org.orderplatform.app.startup;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import liquibase.integration.spring.SpringLiquibase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.BeanInitializationException;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Runs Liquibase on one node at a time, under a PostgreSQL advisory lock held around it. Nodes
 * that start together against an empty database otherwise race to create Liquibase's own tables
 * before its lock table exists, and all but one fail with {@code relation "databasechangelog"
 * already exists} (liquibase/liquibase#5254). The others wait for the lock, then find the
 * schema up to date.
 *
 * <p>Liquibase itself then runs on connections of its own, with the migration timeouts
 * ({@link MigrationConnections}); the lock is held on one of the pool's, which waits as long as
 * another node's migration takes.
 */
final class SerializedMigrations implements BeanPostProcessor, EnvironmentAware {

    private static final Logger log = LoggerFactory.getLogger(SerializedMigrations.class);
    /** The advisory lock's key: any number no other part of the platform locks. */
    static final long LOCK_KEY = 0x6f72646572736d69L; // "ordersmi"

    private final Map<String, Connection> held = new ConcurrentHashMap<>();
    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof SpringLiquibase liquibase && liquibase.getDataSource() != null) {
            try {
                Connection connection = liquibase.getDataSource().getConnection();
                try (Statement statement = connection.createStatement()) {
                    // a session lock: waits while another node migrates, released by unlock or the connection's end
                    statement.execute("SELECT pg_advisory_lock(" + LOCK_KEY + ")");
                }
                held.put(beanName, connection);
                Binder settings = Binder.get(environment);
                liquibase.setDataSource(MigrationConnections.of(
                        liquibase.getDataSource(),
                        settings.bind("orders.migrations.lock-timeout", Duration.class)
                                .orElse(Duration.ofSeconds(5)),
                        settings.bind("orders.migrations.statement-timeout", Duration.class)
                                .orElse(Duration.ofMinutes(10))));
            } catch (SQLException e) {
                throw new BeanInitializationException("Could not take the migration lock", e);
            }
        }
        return bean;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        Connection connection = held.remove(beanName);
        if (connection != null) {
            try (connection;
                    Statement statement = connection.createStatement()) {
                statement.execute("SELECT pg_advisory_unlock(" + LOCK_KEY + ")");
            } catch (SQLException e) {
                // closing the connection ends the session, which releases the lock anyway
                log.warn("Could not release the migration lock: {}", e.getMessage());
            }
        }
        return bean;
    }
}
