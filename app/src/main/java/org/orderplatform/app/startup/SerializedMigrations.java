package org.orderplatform.app.startup;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
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

    private static final Duration TRY_AGAIN = Duration.ofMillis(250);

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
                waitForTheLock(connection);
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

    /**
     * Takes the session lock (released by unlock or the connection's end), trying again while
     * another node holds it. Not {@code pg_advisory_lock}: a statement waiting for the lock keeps
     * its snapshot open all the while, and {@code CREATE INDEX CONCURRENTLY} in the other node's
     * migration waits for every snapshot older than itself to go, so the two waited for each other
     * (until the lock timeout failed the migration: RealNodesIT, two nodes on an empty database).
     * Each try here is a statement of its own that ends at once.
     */
    private static void waitForTheLock(Connection connection) throws SQLException {
        boolean said = false;
        while (true) {
            try (Statement statement = connection.createStatement();
                    ResultSet taken = statement.executeQuery("SELECT pg_try_advisory_lock(" + LOCK_KEY + ")")) {
                if (taken.next() && taken.getBoolean(1)) {
                    return;
                }
            }
            if (!said) {
                log.info("Another node is migrating the schema; waiting for it");
                said = true;
            }
            LockSupport.parkNanos(TRY_AGAIN.toNanos());
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new SQLException("Interrupted while waiting for the migration lock");
            }
        }
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
