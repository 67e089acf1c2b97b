package org.orderplatform.migrations;

import java.sql.Connection;
import java.util.Map;
import liquibase.Scope;
import liquibase.changelog.FastCheckService;
import liquibase.command.CommandScope;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.orderplatform.embedded.testsupport.FreshDatabase;

/** Runs a Liquibase command (update, updateToTag, rollback ...) with the platform's changelog. */
final class ChangelogCommands {

    static final String CHANGELOG = "db/changelog/db.changelog-master.yaml";

    private ChangelogCommands() {}

    static void run(FreshDatabase db, String command, Map<String, Object> arguments) throws Exception {
        run(db, CHANGELOG, command, arguments);
    }

    /** With another changelog: a staged one that includes the platform's and adds the next release's changesets. */
    static void run(FreshDatabase db, String changelog, String command, Map<String, Object> arguments)
            throws Exception {
        try (Connection connection = db.connect()) {
            Database database =
                    DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
            // Liquibase remembers "this database is up to date" per JVM; after a rollback it is not.
            Scope.getCurrentScope().getSingleton(FastCheckService.class).clearCache();
            Scope.child(Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor(), () -> {
                CommandScope scope = new CommandScope(command)
                        .addArgumentValue("changelogFile", changelog)
                        .addArgumentValue("database", database);
                arguments.forEach(scope::addArgumentValue);
                scope.execute();
            });
        }
    }
}
