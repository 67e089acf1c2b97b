package org.orderplatform.query.projection;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import javax.sql.DataSource;
import liquibase.Scope;
import liquibase.changelog.FastCheckService;
import liquibase.command.CommandScope;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.orderplatform.embedded.testsupport.FreshDatabase;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * A fresh PostgreSQL with the platform's real Liquibase changelog applied, for one projection test
 * class; and the real JDBC plumbing the projections run on.
 */
public final class ReadModelDatabase implements AutoCloseable {

    private static final String CHANGELOG = "db/changelog/db.changelog-master.yaml";

    private final FreshDatabase db;
    private final HikariDataSource dataSource;
    private final DataSourceTransactionManager transactions;

    private ReadModelDatabase(FreshDatabase db) {
        this.db = db;
        // pooled, as in production: bulk runs and processors open many short transactions
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(db.url());
        pool.setUsername(db.user());
        pool.setPassword(db.password());
        pool.setMaximumPoolSize(6);
        this.dataSource = new HikariDataSource(pool);
        this.transactions = new DataSourceTransactionManager(dataSource);
    }

    public static ReadModelDatabase create() throws Exception {
        FreshDatabase db = FreshDatabase.create();
        try {
            applyChangelog(db);
        } catch (Exception e) {
            db.close();
            throw e;
        }
        return new ReadModelDatabase(db);
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

    private static void applyChangelog(FreshDatabase db) throws Exception {
        try (Connection connection = db.connect()) {
            Database database =
                    DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
            // Liquibase remembers "this database is up to date" per JVM; each fresh database is not.
            Scope.getCurrentScope().getSingleton(FastCheckService.class).clearCache();
            Scope.child(
                    Scope.Attr.resourceAccessor.name(),
                    new ClassLoaderResourceAccessor(),
                    () -> new CommandScope("update")
                            .addArgumentValue("changelogFile", CHANGELOG)
                            .addArgumentValue("database", database)
                            .execute());
        }
    }
}
