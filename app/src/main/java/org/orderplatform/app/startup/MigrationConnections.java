package org.orderplatform.app.startup;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * Liquibase's connections: new ones to the same database as the pool, each with
 * {@code lock_timeout} and {@code statement_timeout} set for its whole session (PostgreSQL's
 * {@code options} startup parameter, so even Liquibase's first statement has them). Not the
 * pool's: a setting made there would stay on a connection that later serves requests.
 *
 * <p>Why: {@code ALTER TABLE} takes an ACCESS EXCLUSIVE lock, and while it waits for one (behind a
 * long query, a projection's transaction) every later query on that table queues behind it. A
 * short lock timeout turns that outage into a failed start of one node, which the operator (or the
 * orchestrator's restart) retries.
 */
final class MigrationConnections {

    private static final Logger log = LoggerFactory.getLogger(MigrationConnections.class);

    private MigrationConnections() {}

    /** @param pool the DataSource Liquibase was given: the pool, or one built from spring.liquibase.url */
    static DataSource of(DataSource pool, Duration lockTimeout, Duration statementTimeout) throws SQLException {
        String url;
        String user;
        String password;
        if (pool.isWrapperFor(HikariDataSource.class)) {
            HikariDataSource hikari = pool.unwrap(HikariDataSource.class);
            url = hikari.getJdbcUrl();
            user = hikari.getUsername();
            password = hikari.getPassword();
        } else if (pool instanceof SimpleDriverDataSource simple) {
            url = simple.getUrl();
            user = simple.getUsername();
            password = simple.getPassword();
        } else {
            // a pool of another kind (a user's own DataSource bean): migrate as before, and say so
            log.warn(
                    "Cannot tell which database {} connects to: migrations run without lock and statement timeouts",
                    pool.getClass().getName());
            return pool;
        }
        Driver driver = DriverManager.getDriver(url);
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty(
                "options",
                "-c lock_timeout=" + lockTimeout.toMillis() + " -c statement_timeout=" + statementTimeout.toMillis());
        SimpleDriverDataSource migrations = new SimpleDriverDataSource(driver, url);
        migrations.setConnectionProperties(properties);
        return migrations;
    }
}
