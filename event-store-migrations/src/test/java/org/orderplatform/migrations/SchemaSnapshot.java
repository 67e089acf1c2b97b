package org.orderplatform.migrations;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.orderplatform.embedded.testsupport.FreshDatabase;

/**
 * The platform's schema as PostgreSQL's catalogue describes it, one sorted line per object, so that
 * two snapshots compare line by line. Liquibase's own two tables are left out.
 */
record SchemaSnapshot(
        List<String> columns,
        List<String> constraints,
        List<String> indexes,
        List<String> triggers,
        List<String> functions,
        List<String> sequences) {

    private static final String NOT_LIQUIBASE = " NOT IN ('databasechangelog', 'databasechangeloglock')";

    static SchemaSnapshot of(FreshDatabase db) throws SQLException {
        return new SchemaSnapshot(
                Jdbc.strings(
                        db,
                        "SELECT concat_ws(' ', table_name || '.' || column_name, '#' || ordinal_position, data_type,"
                                + " character_maximum_length, numeric_precision,"
                                + " CASE is_nullable WHEN 'YES' THEN 'NULL' ELSE 'NOT NULL' END,"
                                + " 'DEFAULT ' || column_default)"
                                + " FROM information_schema.columns"
                                + " WHERE table_schema = 'public' AND table_name" + NOT_LIQUIBASE + " ORDER BY 1"),
                Jdbc.strings(
                        db,
                        "SELECT conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)"
                                + " FROM pg_constraint WHERE connamespace = 'public'::regnamespace"
                                + " AND conrelid::regclass::text" + NOT_LIQUIBASE + " ORDER BY 1"),
                Jdbc.strings(
                        db,
                        "SELECT indexdef FROM pg_indexes" + " WHERE schemaname = 'public' AND tablename" + NOT_LIQUIBASE
                                + " ORDER BY 1"),
                Jdbc.strings(
                        db,
                        "SELECT concat_ws(' ', event_object_table, trigger_name, action_timing, event_manipulation,"
                                + " action_orientation, action_statement)"
                                + " FROM information_schema.triggers WHERE trigger_schema = 'public' ORDER BY 1"),
                Jdbc.strings(
                        db,
                        "SELECT p.oid::regprocedure || ' ' || pg_get_function_result(p.oid) || ' ' || md5(p.prosrc)"
                                + " FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace ORDER BY 1"),
                Jdbc.strings(
                        db,
                        "SELECT concat_ws(' ', sequencename, data_type, increment_by, cache_size) FROM pg_sequences"
                                + " WHERE schemaname = 'public' ORDER BY 1"));
    }

    /** Each table's columns in order: what a release's code can read and write. */
    static Map<String, List<String>> tables(FreshDatabase db) throws SQLException {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        for (String table : Jdbc.strings(
                db,
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename" + NOT_LIQUIBASE
                        + " ORDER BY 1")) {
            tables.put(
                    table,
                    Jdbc.strings(
                            db,
                            "SELECT column_name FROM information_schema.columns"
                                    + " WHERE table_schema = 'public' AND table_name = ? ORDER BY ordinal_position",
                            table));
        }
        return tables;
    }

    /** Every row of the given tables, through the given columns only, as text: to compare contents. */
    static Map<String, List<String>> rows(FreshDatabase db, Map<String, List<String>> tables) throws SQLException {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> table : tables.entrySet()) {
            String columns = String.join(
                    ", ", table.getValue().stream().map(c -> '"' + c + '"').toList());
            rows.put(
                    table.getKey(),
                    Jdbc.strings(db, "SELECT ROW(" + columns + ")::text FROM " + table.getKey() + " ORDER BY 1"));
        }
        return rows;
    }
}
