package org.orderplatform.migrations;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.orderplatform.migrations.SqlStatements.Statement;

/**
 * DDL that must not run while the platform serves: every changeset is applied to a live database
 * during a rolling upgrade, so a statement that rewrites or scans a table under a strong lock
 * stops every node's reads or writes on it for as long as the table is large. A table created in
 * the same changeset is empty and no one else uses it yet, so those rules spare it.
 */
final class OnlineDdlRules {

    record Violation(String changeSet, String statement, String reason) {
        @Override
        public String toString() {
            return "changeset " + changeSet + ": " + reason + "\n    in: " + statement;
        }
    }

    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.DOTALL;
    private static final String NAME = "((?:\"[^\"]+\"|[\\w$]+)(?:\\.(?:\"[^\"]+\"|[\\w$]+))?)";

    private static final Pattern CREATE_TABLE = Pattern.compile(
            "^CREATE (?:(?:GLOBAL |LOCAL )?TEMP(?:ORARY)? |UNLOGGED )?TABLE (?:IF NOT EXISTS )?" + NAME, FLAGS);
    private static final Pattern CREATE_INDEX = Pattern.compile(
            "^CREATE (?:UNIQUE )?INDEX (CONCURRENTLY )?(?:IF NOT EXISTS )?(?:" + NAME + " )?ON (?:ONLY )?" + NAME,
            FLAGS);
    private static final Pattern CONCURRENTLY = Pattern.compile(
            "^(?:CREATE (?:UNIQUE )?INDEX|DROP INDEX|REINDEX|ALTER TABLE .* DETACH PARTITION)\\b.*\\bCONCURRENTLY\\b",
            FLAGS);
    private static final Pattern ALTER_TABLE =
            Pattern.compile("^ALTER TABLE (?:IF EXISTS )?(?:ONLY )?" + NAME + "(?: \\*)? (.*)$", FLAGS);
    private static final Pattern ALTER_COLUMN_TYPE =
            Pattern.compile("^ALTER (?:COLUMN )?" + NAME + " (?:SET DATA )?TYPE\\b", FLAGS);
    private static final Pattern SET_NOT_NULL =
            Pattern.compile("^ALTER (?:COLUMN )?" + NAME + " SET NOT NULL\\b", FLAGS);
    private static final Pattern ADD_CONSTRAINT =
            Pattern.compile("^ADD (?:CONSTRAINT " + NAME + " )?(CHECK|FOREIGN KEY|PRIMARY KEY|UNIQUE)\\b(.*)$", FLAGS);
    private static final Pattern ADD_COLUMN =
            Pattern.compile("^ADD (?:COLUMN )?(?:IF NOT EXISTS )?" + NAME + " (.*)$", FLAGS);
    private static final Pattern VALIDATE_CONSTRAINT = Pattern.compile("^VALIDATE CONSTRAINT " + NAME, FLAGS);
    // Functions PostgreSQL marks VOLATILE, and column kinds that give each existing row its own value.
    // now() and CURRENT_TIMESTAMP are STABLE: evaluated once, stored in the catalogue, no rewrite.
    private static final Pattern FILLS_EACH_ROW = Pattern.compile(
            "\\bDEFAULT\\b.*\\b(?:random|gen_random_uuid|uuid_generate_v1|uuid_generate_v1mc|uuid_generate_v4"
                    + "|clock_timestamp|timeofday|nextval)\\s*\\("
                    + "|^(?:SMALL|BIG)?SERIAL[248]?\\b"
                    + "|\\bGENERATED (?:ALWAYS|BY DEFAULT) AS IDENTITY\\b"
                    + "|\\bGENERATED ALWAYS AS \\(.*\\)\\s*STORED\\b",
            FLAGS);
    private static final Pattern VACUUM_FULL = Pattern.compile("^VACUUM (?:\\([^)]*\\bFULL\\b[^)]*\\)|FULL\\b)", FLAGS);
    private static final Pattern VACUUM_TABLES =
            Pattern.compile("^VACUUM (?:\\([^)]*\\) ?)?(?:(?:FULL|FREEZE|VERBOSE|ANALYZE)\\b ?)*(.*)$", FLAGS);
    private static final Pattern CLUSTER = Pattern.compile("^CLUSTER\\b(?: VERBOSE)?(?: \\([^)]*\\))? ?(.*)$", FLAGS);
    private static final Pattern REINDEX = Pattern.compile(
            "^REINDEX (?:\\([^)]*\\) )?(INDEX|TABLE|SCHEMA|DATABASE|SYSTEM) (CONCURRENTLY )?(.*)$", FLAGS);
    private static final Pattern LOCK =
            Pattern.compile("^LOCK (?:TABLE )?(.*?)(?: IN [A-Z ]+ MODE)?(?: NOWAIT)?$", FLAGS);

    private OnlineDdlRules() {}

    /**
     * Checks one changeset (or its rollback, which runs the same way). Each element of {@code
     * roundTrips} is what Liquibase sends to the server in one call: one statement each, unless the
     * changeset says splitStatements:false.
     */
    static List<Violation> check(String changeSet, boolean runInTransaction, List<String> roundTrips) {
        List<List<Statement>> trips =
                roundTrips.stream().map(SqlStatements::split).toList();
        List<Statement> statements = trips.stream().flatMap(List::stream).toList();
        Set<String> newTables = new HashSet<>();
        statements.forEach(s -> find(CREATE_TABLE, s).ifPresent(m -> newTables.add(name(m.group(1)))));
        Set<String> addedNotValid = constraintsAddedNotValid(statements);

        List<Violation> violations = new ArrayList<>();
        for (List<Statement> trip : trips) {
            for (Statement statement : trip) {
                List<String> reasons = new ArrayList<>();
                transactionRules(statement, runInTransaction, trip.size() > 1, reasons);
                indexRule(statement, newTables, reasons);
                alterTableRules(statement, newTables, runInTransaction ? addedNotValid : Set.of(), reasons);
                maintenanceRules(statement, newTables, reasons);
                reasons.forEach(r -> violations.add(new Violation(changeSet, abbreviate(statement.text()), r)));
            }
        }
        return violations;
    }

    /** The usual case, and the tests': every statement in a round trip of its own. */
    static List<Violation> check(String changeSet, boolean runInTransaction, String sql) {
        return check(
                changeSet,
                runInTransaction,
                SqlStatements.split(sql).stream().map(Statement::text).toList());
    }

    private static void transactionRules(
            Statement statement, boolean runInTransaction, boolean sharesRoundTrip, List<String> reasons) {
        if (!CONCURRENTLY.matcher(statement.code()).find()) {
            return;
        }
        // A CONCURRENTLY build commits between its phases (several transactions of its own), which
        // it cannot do inside a transaction block: PostgreSQL refuses it there, and the changeset fails.
        if (runInTransaction) {
            reasons.add("CONCURRENTLY cannot run inside a transaction: the changeset needs runInTransaction:false");
        }
        // Statements sent in one call (splitStatements:false) run as one implicit transaction.
        if (sharesRoundTrip) {
            reasons.add("CONCURRENTLY must be sent alone, not with other statements in one call"
                    + " (splitStatements:false): PostgreSQL runs those as one implicit transaction");
        }
    }

    private static void indexRule(Statement statement, Set<String> newTables, List<String> reasons) {
        // A plain CREATE INDEX holds a SHARE lock on the table for the whole build: every INSERT,
        // UPDATE and DELETE waits. CONCURRENTLY builds it while writes go on.
        find(CREATE_INDEX, statement)
                .filter(m -> m.group(1) == null && !newTables.contains(name(m.group(3))))
                .ifPresent(m -> reasons.add("CREATE INDEX without CONCURRENTLY blocks every write to "
                        + name(m.group(3)) + " while it builds (SHARE lock): use CREATE INDEX CONCURRENTLY"
                        + " in a runInTransaction:false changeset"));
    }

    private static void alterTableRules(
            Statement statement, Set<String> newTables, Set<String> addedNotValid, List<String> reasons) {
        Optional<Matcher> alter = find(ALTER_TABLE, statement);
        if (alter.isEmpty() || newTables.contains(name(alter.get().group(1)))) {
            return;
        }
        String table = name(alter.get().group(1));
        for (String action : topLevelCommaSeparated(alter.get().group(2))) {
            Matcher m;
            if (ALTER_COLUMN_TYPE.matcher(action).find()) {
                // A type change rewrites the table and rebuilds its indexes under ACCESS EXCLUSIVE
                // (binary-coercible ones such as varchar(n) to text skip the rewrite, not the lock).
                reasons.add("ALTER COLUMN ... TYPE rewrites " + table + " and its indexes under an ACCESS EXCLUSIVE"
                        + " lock: add a new column, backfill it, switch readers (expand/contract)");
            } else if (SET_NOT_NULL.matcher(action).find()) {
                // Proving no row is NULL reads the whole table while holding ACCESS EXCLUSIVE.
                reasons.add("SET NOT NULL scans all of " + table + " under an ACCESS EXCLUSIVE lock: add"
                        + " CHECK (column IS NOT NULL) NOT VALID, then VALIDATE CONSTRAINT in a later changeset");
            } else if ((m = ADD_CONSTRAINT.matcher(action)).find()) {
                constraintRules(table, m.group(2).toUpperCase(Locale.ROOT), m.group(3), reasons);
            } else if ((m = ADD_COLUMN.matcher(action)).find()) {
                addColumnRules(table, m.group(2), reasons);
            } else if ((m = VALIDATE_CONSTRAINT.matcher(action)).find()
                    && addedNotValid.contains(table + "." + name(m.group(1)))) {
                // The ADD took ACCESS EXCLUSIVE and holds it until commit: in the same transaction the
                // validating scan runs under it after all, which NOT VALID was meant to avoid.
                reasons.add("VALIDATE CONSTRAINT in the transaction that added the constraint NOT VALID scans " + table
                        + " under the ADD's ACCESS EXCLUSIVE lock: validate in a later changeset");
            }
        }
    }

    private static void constraintRules(String table, String kind, String rest, List<String> reasons) {
        boolean notValid = rest.matches("(?is).*\\bNOT VALID\\b.*");
        if (kind.equals("CHECK") && !notValid) {
            reasons.add(checkReason(table));
        } else if (kind.equals("FOREIGN KEY") && !notValid) {
            reasons.add(foreignKeyReason(table));
        } else if ((kind.equals("PRIMARY KEY") || kind.equals("UNIQUE"))
                && !rest.matches("(?is)^\\s*USING INDEX\\b.*")) {
            reasons.add(indexConstraintReason(table, kind));
        }
    }

    private static void addColumnRules(String table, String definition, List<String> reasons) {
        // PostgreSQL 11+ stores a constant (or stable) default in the catalogue: no rewrite. A value
        // that differs per row must be written into every row: a rewrite under ACCESS EXCLUSIVE.
        if (FILLS_EACH_ROW.matcher(definition).find()) {
            reasons.add("ADD COLUMN with a volatile default (or serial, identity, stored generated) rewrites "
                    + table + " under an ACCESS EXCLUSIVE lock to give each row its value: add it without,"
                    + " set the default afterwards, backfill in batches");
        }
        // Constraints declared with the column cannot be NOT VALID or USING INDEX.
        if (definition.matches("(?is).*\\bREFERENCES\\b.*")) {
            reasons.add(foreignKeyReason(table));
        }
        if (definition.matches("(?is).*\\bCHECK\\s*\\(.*")) {
            reasons.add(checkReason(table));
        }
        if (definition.matches("(?is).*\\b(?:UNIQUE|PRIMARY KEY)\\b.*")) {
            reasons.add(indexConstraintReason(table, "UNIQUE / PRIMARY KEY"));
        }
    }

    private static String checkReason(String table) {
        return "a CHECK constraint without NOT VALID scans all of " + table + " under an ACCESS EXCLUSIVE lock:"
                + " add it NOT VALID, then VALIDATE CONSTRAINT (SHARE UPDATE EXCLUSIVE) in a later changeset";
    }

    private static String foreignKeyReason(String table) {
        return "a FOREIGN KEY without NOT VALID scans all of " + table + " holding SHARE ROW EXCLUSIVE locks"
                + " on it and on the referenced table (no writes to either): add it NOT VALID, then VALIDATE"
                + " CONSTRAINT in a later changeset";
    }

    private static String indexConstraintReason(String table, String kind) {
        return "ADD " + kind + " builds its index under an ACCESS EXCLUSIVE lock on " + table + " (no reads, no"
                + " writes): CREATE UNIQUE INDEX CONCURRENTLY first, then ADD CONSTRAINT ... USING INDEX";
    }

    private static void maintenanceRules(Statement statement, Set<String> newTables, List<String> reasons) {
        // VACUUM FULL and CLUSTER copy the whole table into a new file under ACCESS EXCLUSIVE.
        find(VACUUM_FULL, statement)
                .flatMap(m -> find(VACUUM_TABLES, statement))
                .filter(m -> !onlyNewTables(m.group(1), newTables))
                .ifPresent(m -> reasons.add("VACUUM FULL rewrites the table under an ACCESS EXCLUSIVE lock"
                        + " (no reads, no writes): leave space to autovacuum, or use pg_repack outside migrations"));
        find(CLUSTER, statement)
                .filter(m -> !onlyNewTables(m.group(1).replaceAll("(?i) USING .*$", ""), newTables))
                .ifPresent(m -> reasons.add("CLUSTER rewrites the table under an ACCESS EXCLUSIVE lock (no reads,"
                        + " no writes): not in a migration"));
        // A plain REINDEX blocks writes to the table and reads through the index until it is rebuilt.
        find(REINDEX, statement)
                .filter(m -> m.group(2) == null)
                .filter(m -> !(m.group(1).equalsIgnoreCase("TABLE") && onlyNewTables(m.group(3), newTables)))
                .ifPresent(m -> reasons.add("REINDEX without CONCURRENTLY blocks writes to the table and every"
                        + " read through the index until it is rebuilt: REINDEX ... CONCURRENTLY"
                        + " (runInTransaction:false)"));
        // An explicit lock lasts until commit, so everything after it in the changeset runs under it.
        find(LOCK, statement)
                .filter(m -> !onlyNewTables(m.group(1), newTables))
                .ifPresent(m -> reasons.add("LOCK TABLE holds its lock (ACCESS EXCLUSIVE unless a mode is given)"
                        + " until the changeset commits, queueing every reader or writer behind it"));
    }

    private static Set<String> constraintsAddedNotValid(List<Statement> statements) {
        Set<String> added = new HashSet<>();
        for (Statement statement : statements) {
            find(ALTER_TABLE, statement).ifPresent(alter -> {
                for (String action : topLevelCommaSeparated(alter.group(2))) {
                    Matcher m = ADD_CONSTRAINT.matcher(action);
                    if (m.find() && m.group(1) != null && m.group(3).matches("(?is).*\\bNOT VALID\\b.*")) {
                        added.add(name(alter.group(1)) + "." + name(m.group(1)));
                    }
                }
            });
        }
        return added;
    }

    /** True when every table named in the list (with optional column lists) was created here. */
    private static boolean onlyNewTables(String list, Set<String> newTables) {
        List<String> tables = Arrays.stream(list.replaceAll("\\([^)]*\\)", "").split(","))
                .map(t -> t.trim().replaceFirst("(?i)^ONLY ", "").replaceFirst(" ?\\*$", ""))
                .filter(t -> !t.isEmpty())
                .map(OnlineDdlRules::name)
                .toList();
        return !tables.isEmpty() && newTables.containsAll(tables);
    }

    private static List<String> topLevelCommaSeparated(String actions) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < actions.length(); i++) {
            char c = actions.charAt(i);
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (c == ',' && depth == 0) {
                parts.add(actions.substring(start, i).trim());
                start = i + 1;
            }
        }
        parts.add(actions.substring(start).trim());
        return parts;
    }

    private static Optional<Matcher> find(Pattern pattern, Statement statement) {
        Matcher m = pattern.matcher(statement.code());
        return m.find() ? Optional.of(m) : Optional.empty();
    }

    /** Unqualified and unquoted: the platform keeps everything in one schema. */
    private static String name(String qualified) {
        String last = qualified.substring(qualified.lastIndexOf('.') + 1);
        return last.startsWith("\"") ? last.replace("\"", "") : last.toLowerCase(Locale.ROOT);
    }

    private static String abbreviate(String statement) {
        return statement.length() <= 200 ? statement : statement.substring(0, 200) + " ...";
    }
}
