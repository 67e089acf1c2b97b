package org.orderplatform.migrations.testsupport;

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
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A fresh PostgreSQL (see {@link FreshDatabase}) with the platform's real Liquibase changelog
 * applied: for module tests that need the real tables without the whole application.
 */
public final class MigratedDatabase implements AutoCloseable {

    private static final String CHANGELOG = "db/changelog/db.changelog-master.yaml";

    private final FreshDatabase db;

    private MigratedDatabase(FreshDatabase db) {
        this.db = db;
    }

    public static MigratedDatabase create() throws Exception {
        FreshDatabase db = FreshDatabase.create();
        try {
            applyChangelog(db);
        } catch (Exception e) {
            db.close();
            throw e;
        }
        return new MigratedDatabase(db);
    }

    /** A data source without a pool: each connection is a new one. */
    public DataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(db.url());
        dataSource.setUser(db.user());
        dataSource.setPassword(db.password());
        return dataSource;
    }

    public FreshDatabase database() {
        return db;
    }

    @Override
    public void close() throws Exception {
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
