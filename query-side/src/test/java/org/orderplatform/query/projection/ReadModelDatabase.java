package org.orderplatform.query.projection;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.orderplatform.embedded.testsupport.FreshDatabase;
import org.orderplatform.migrations.testsupport.MigratedDatabase;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * A fresh PostgreSQL with the platform's real Liquibase changelog applied ({@link MigratedDatabase}),
 * for one projection test class; and the real JDBC plumbing the projections run on.
 */
public final class ReadModelDatabase implements AutoCloseable {

    private final MigratedDatabase db;
    private final HikariDataSource dataSource;
    private final DataSourceTransactionManager transactions;

    private ReadModelDatabase(MigratedDatabase db) {
        this.db = db;
        // pooled, as in production: bulk runs and processors open many short transactions
        FreshDatabase server = db.database();
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(server.url());
        pool.setUsername(server.user());
        pool.setPassword(server.password());
        pool.setMaximumPoolSize(6);
        this.dataSource = new HikariDataSource(pool);
        this.transactions = new DataSourceTransactionManager(dataSource);
    }

    public static ReadModelDatabase create() throws Exception {
        return new ReadModelDatabase(MigratedDatabase.create());
    }

    public JdbcTemplate jdbc() {
        return new JdbcTemplate(dataSource);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public PlatformTransactionManager transactions() {
        return transactions;
    }

    /** Savepoint-guarded writes on this database's transaction manager, as in production. */
    public ProjectionWrites writes() {
        return new ProjectionWrites(transactions);
    }

    public int count(String table) {
        return jdbc().queryForObject("SELECT count(*) FROM " + table, Integer.class);
    }

    @Override
    public void close() throws Exception {
        dataSource.close();
        db.close();
    }
}
