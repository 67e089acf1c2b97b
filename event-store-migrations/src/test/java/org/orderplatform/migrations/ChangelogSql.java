package org.orderplatform.migrations;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import liquibase.Scope;
import liquibase.change.Change;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.database.Database;
import liquibase.database.core.PostgresDatabase;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.resource.ResourceAccessor;
import liquibase.sql.Sql;
import liquibase.sqlgenerator.SqlGeneratorFactory;
import liquibase.statement.SqlStatement;

/**
 * The SQL of each changeset as Liquibase itself reads and sends it: parsed with its own parser,
 * rendered for PostgreSQL without a connection. A changeset's custom rollback comes as an entry of
 * its own, since it runs the same way (in a transaction or not) and can hold the same locks.
 */
final class ChangelogSql {

    /** roundTrips: what Liquibase sends to the server, one call each (its splitStatements applied). */
    record ChangeSetSql(String id, boolean runInTransaction, List<String> roundTrips) {}

    private ChangelogSql() {}

    static List<ChangeSetSql> read(String changelogFile) throws Exception {
        ResourceAccessor resources = new ClassLoaderResourceAccessor();
        DatabaseChangeLog changelog = Scope.child(
                Map.of(Scope.Attr.resourceAccessor.name(), resources),
                () -> ChangeLogParserFactory.getInstance()
                        .getParser(changelogFile, resources)
                        .parse(changelogFile, new ChangeLogParameters(), resources));
        Database postgres = new PostgresDatabase();
        List<ChangeSetSql> changeSets = new ArrayList<>();
        for (ChangeSet changeSet : changelog.getChangeSets()) {
            changeSets.add(new ChangeSetSql(
                    changeSet.getId(), changeSet.isRunInTransaction(), roundTrips(changeSet.getChanges(), postgres)));
            List<Change> rollback = changeSet.getRollback().getChanges();
            if (!rollback.isEmpty()) {
                changeSets.add(new ChangeSetSql(
                        changeSet.getId() + " (rollback)",
                        changeSet.isRunInTransaction(),
                        roundTrips(rollback, postgres)));
            }
        }
        return changeSets;
    }

    // A tagDatabase change renders nothing here: it only writes Liquibase's own table.
    private static List<String> roundTrips(List<Change> changes, Database postgres) {
        List<String> sql = new ArrayList<>();
        for (Change change : changes) {
            for (SqlStatement statement : change.generateStatements(postgres)) {
                for (Sql generated : SqlGeneratorFactory.getInstance().generateSql(statement, postgres)) {
                    sql.add(generated.toSql());
                }
            }
        }
        return sql;
    }
}
