package org.orderplatform.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.orderplatform.migrations.ChangelogSql.ChangeSetSql;
import org.orderplatform.migrations.OnlineDdlRules.Violation;

/** Every changeset must be safe to apply while the platform runs; the rules refuse what is not. */
class OnlineDdlRulesTest {

    private static final String CHANGELOG = "db/changelog/db.changelog-master.yaml";
    private static final boolean IN_TRANSACTION = true;
    private static final boolean NO_TRANSACTION = false;

    @Test
    void passesEveryChangesetOfTheChangelog() throws Exception {
        List<Violation> violations = ChangelogSql.read(CHANGELOG).stream()
                .flatMap(c -> OnlineDdlRules.check(c.id(), c.runInTransaction(), c.roundTrips()).stream())
                .toList();

        assertThat(violations).isEmpty();
    }

    /**
     * The next release's contract step, staged: its forward changesets keep the rules. Its rollback
     * restores {@code shipping_address NOT NULL}, a full scan under the lock, and is left out: it
     * is for an emergency, with the next release's nodes stopped.
     */
    @Test
    void passesTheStagedContractStep() throws Exception {
        List<Violation> violations = ChangelogSql.read("db/changelog/staged/v0.3.0.yaml").stream()
                .filter(c -> !c.id().endsWith("(rollback)"))
                .flatMap(c -> OnlineDdlRules.check(c.id(), c.runInTransaction(), c.roundTrips()).stream())
                .toList();

        assertThat(violations).isEmpty();
    }

    @Test
    void readsTheChangelogAsLiquibaseRunsIt() throws Exception {
        Map<String, ChangeSetSql> changeSets =
                ChangelogSql.read(CHANGELOG).stream().collect(Collectors.toMap(ChangeSetSql::id, Function.identity()));

        assertThat(changeSets)
                .containsKeys(
                        "001-domain-event-entry",
                        "012-webhook-held-because",
                        "tag-v0.1.0",
                        "013-order-detail-address-columns",
                        "013-order-detail-address-columns (rollback)",
                        "014-order-detail-address-backfill-index (rollback)");
        assertThat(changeSets.get("tag-v0.1.0").roundTrips()).isEmpty();
        // splitStatements:false: the function and both triggers go in one call
        assertThat(changeSets.get("013-order-detail-address-sync").roundTrips()).hasSize(1);
        ChangeSetSql index = changeSets.get("014-order-detail-address-backfill-index");
        assertThat(index.runInTransaction()).isFalse();
        assertThat(index.roundTrips())
                .hasSize(6)
                .anySatisfy(sql -> assertThat(sql).startsWith("CREATE INDEX CONCURRENTLY"));
    }

    @Test
    void wouldRefuseTheConcurrentIndexChangesetInATransaction() throws Exception {
        ChangeSetSql index = ChangelogSql.read(CHANGELOG).stream()
                .filter(c -> c.id().equals("014-order-detail-address-backfill-index"))
                .findFirst()
                .orElseThrow();

        assertThat(OnlineDdlRules.check(index.id(), IN_TRANSACTION, index.roundTrips()))
                .hasSize(4)
                .allSatisfy(v -> assertThat(v.reason()).contains("runInTransaction:false"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unsafe")
    void refusesDdlThatBlocksTheRunningPlatform(
            String rule, boolean runInTransaction, String sql, String refusedStatement, String reason) {
        List<Violation> violations = OnlineDdlRules.check("099-example", runInTransaction, sql);

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.changeSet()).isEqualTo("099-example");
            assertThat(v.statement()).startsWith(refusedStatement);
            assertThat(v.reason()).contains(reason);
            assertThat(v.toString()).contains("099-example", refusedStatement);
        });
    }

    static Stream<Arguments> unsafe() {
        return Stream.of(
                arguments(
                        "index built under a write lock",
                        IN_TRANSACTION,
                        "CREATE INDEX order_detail_a_city_idx ON order_detail_a (ship_to_city)",
                        "CREATE INDEX order_detail_a_city_idx",
                        "without CONCURRENTLY"),
                arguments(
                        "unique index built under a write lock",
                        NO_TRANSACTION,
                        "CREATE UNIQUE INDEX IF NOT EXISTS api_key_prefix_idx ON public.api_key (key_prefix)",
                        "CREATE UNIQUE INDEX",
                        "without CONCURRENTLY"),
                arguments(
                        "concurrent build in a transaction",
                        IN_TRANSACTION,
                        "CREATE INDEX CONCURRENTLY order_detail_a_city_idx ON order_detail_a (ship_to_city)",
                        "CREATE INDEX CONCURRENTLY",
                        "runInTransaction:false"),
                arguments(
                        "concurrent drop in a transaction",
                        IN_TRANSACTION,
                        "DROP INDEX CONCURRENTLY IF EXISTS order_detail_a_city_idx",
                        "DROP INDEX CONCURRENTLY",
                        "runInTransaction:false"),
                arguments(
                        "concurrent reindex in a transaction",
                        IN_TRANSACTION,
                        "REINDEX INDEX CONCURRENTLY order_detail_a_city_idx",
                        "REINDEX INDEX CONCURRENTLY",
                        "runInTransaction:false"),
                arguments(
                        "column type change",
                        IN_TRANSACTION,
                        "ALTER TABLE order_summary_a ALTER COLUMN total_minor TYPE NUMERIC(20)",
                        "ALTER TABLE order_summary_a",
                        "rewrites order_summary_a"),
                arguments(
                        "column type change among harmless actions",
                        IN_TRANSACTION,
                        "ALTER TABLE order_detail_a ADD COLUMN note TEXT, ALTER status SET DATA TYPE TEXT",
                        "ALTER TABLE order_detail_a",
                        "rewrites order_detail_a"),
                arguments(
                        "SET NOT NULL",
                        IN_TRANSACTION,
                        "ALTER TABLE order_detail_a ALTER COLUMN ship_to_country SET NOT NULL",
                        "ALTER TABLE order_detail_a",
                        "SET NOT NULL scans all of order_detail_a"),
                arguments(
                        "random UUID default",
                        IN_TRANSACTION,
                        "ALTER TABLE order_detail_a ADD COLUMN token UUID DEFAULT gen_random_uuid()",
                        "ALTER TABLE order_detail_a",
                        "volatile default"),
                arguments(
                        "clock default",
                        IN_TRANSACTION,
                        "ALTER TABLE order_detail_a ADD seen_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()",
                        "ALTER TABLE order_detail_a",
                        "volatile default"),
                arguments(
                        "random default",
                        IN_TRANSACTION,
                        "ALTER TABLE order_detail_a ADD COLUMN IF NOT EXISTS sample FLOAT8 DEFAULT random()",
                        "ALTER TABLE order_detail_a",
                        "volatile default"),
                arguments(
                        "sequence default",
                        IN_TRANSACTION,
                        "ALTER TABLE order_detail_a ADD COLUMN seq BIGINT DEFAULT nextval('order_seq')",
                        "ALTER TABLE order_detail_a",
                        "volatile default"),
                arguments(
                        "serial column",
                        IN_TRANSACTION,
                        "ALTER TABLE order_detail_a ADD COLUMN seq BIGSERIAL",
                        "ALTER TABLE order_detail_a",
                        "volatile default"),
                arguments(
                        "check constraint validated at once",
                        IN_TRANSACTION,
                        "ALTER TABLE order_detail_a ADD CONSTRAINT order_detail_a_country_check"
                                + " CHECK (ship_to_country IS NOT NULL)",
                        "ALTER TABLE order_detail_a",
                        "CHECK constraint without NOT VALID"),
                arguments(
                        "foreign key validated at once",
                        IN_TRANSACTION,
                        "ALTER TABLE order_timeline_a ADD FOREIGN KEY (order_id) REFERENCES order_detail_a (order_id)",
                        "ALTER TABLE order_timeline_a",
                        "FOREIGN KEY without NOT VALID"),
                arguments(
                        "foreign key declared with its column",
                        IN_TRANSACTION,
                        "ALTER TABLE order_timeline_a ADD COLUMN detail_id VARCHAR(64) REFERENCES order_detail_a",
                        "ALTER TABLE order_timeline_a",
                        "FOREIGN KEY without NOT VALID"),
                arguments(
                        "primary key building its index",
                        IN_TRANSACTION,
                        "ALTER TABLE rate_limit_bucket ADD PRIMARY KEY (id)",
                        "ALTER TABLE rate_limit_bucket",
                        "ADD PRIMARY KEY builds its index under an ACCESS EXCLUSIVE lock"),
                arguments(
                        "unique constraint building its index",
                        IN_TRANSACTION,
                        "ALTER TABLE api_key ADD CONSTRAINT api_key_prefix_key UNIQUE (key_prefix)",
                        "ALTER TABLE api_key",
                        "ADD UNIQUE builds its index"),
                arguments(
                        "validation in the transaction that added the constraint",
                        IN_TRANSACTION,
                        "ALTER TABLE order_detail_a ADD CONSTRAINT order_detail_a_country_check"
                                + " CHECK (ship_to_country IS NOT NULL) NOT VALID;"
                                + " ALTER TABLE order_detail_a VALIDATE CONSTRAINT order_detail_a_country_check",
                        "ALTER TABLE order_detail_a VALIDATE",
                        "in the transaction that added"),
                arguments(
                        "VACUUM FULL",
                        NO_TRANSACTION,
                        "VACUUM FULL order_detail_a",
                        "VACUUM FULL",
                        "rewrites the table"),
                arguments(
                        "VACUUM (FULL)",
                        NO_TRANSACTION,
                        "VACUUM (FULL, ANALYZE) order_detail_a",
                        "VACUUM (FULL",
                        "rewrites the table"),
                arguments(
                        "CLUSTER",
                        IN_TRANSACTION,
                        "CLUSTER order_summary_a USING order_summary_a_created_idx",
                        "CLUSTER",
                        "rewrites the table"),
                arguments("REINDEX", IN_TRANSACTION, "REINDEX TABLE order_detail_a", "REINDEX", "without CONCURRENTLY"),
                arguments(
                        "LOCK TABLE",
                        IN_TRANSACTION,
                        "LOCK TABLE order_detail_a IN SHARE MODE",
                        "LOCK TABLE",
                        "until the changeset commits"),
                arguments(
                        "LOCK without TABLE",
                        IN_TRANSACTION,
                        "LOCK order_detail_a",
                        "LOCK order_detail_a",
                        "until the changeset commits"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("safe")
    void allowsTheOnlineWay(String form, boolean runInTransaction, String sql) {
        assertThat(OnlineDdlRules.check("099-example", runInTransaction, sql)).isEmpty();
    }

    static Stream<Arguments> safe() {
        return Stream.of(
                arguments(
                        "concurrent index outside a transaction",
                        NO_TRANSACTION,
                        "DROP INDEX CONCURRENTLY IF EXISTS order_detail_a_city_idx;"
                                + " CREATE UNIQUE INDEX CONCURRENTLY order_detail_a_city_idx"
                                + " ON order_detail_a (ship_to_city) WHERE ship_to_city IS NOT NULL"),
                arguments(
                        "concurrent reindex outside a transaction",
                        NO_TRANSACTION,
                        "REINDEX TABLE CONCURRENTLY order_detail_a"),
                arguments(
                        "anything on a table created in the same changeset",
                        IN_TRANSACTION,
                        "CREATE TABLE IF NOT EXISTS order_note (order_id VARCHAR(64), note TEXT);"
                                + " CREATE INDEX order_note_order_idx ON order_note (order_id);"
                                + " ALTER TABLE order_note ALTER COLUMN note TYPE VARCHAR(200),"
                                + " ALTER COLUMN order_id SET NOT NULL,"
                                + " ADD COLUMN id BIGSERIAL,"
                                + " ADD PRIMARY KEY (id),"
                                + " ADD CONSTRAINT order_note_fk FOREIGN KEY (order_id) REFERENCES order_detail_a;"
                                + " LOCK TABLE order_note"),
                arguments(
                        "not-null as a check added NOT VALID",
                        IN_TRANSACTION,
                        "ALTER TABLE order_detail_a ADD CONSTRAINT order_detail_a_country_not_null"
                                + " CHECK (ship_to_country IS NOT NULL) NOT VALID"),
                arguments(
                        "validation in a later changeset",
                        IN_TRANSACTION,
                        "ALTER TABLE order_detail_a VALIDATE CONSTRAINT order_detail_a_country_not_null"),
                arguments(
                        "add and validate outside a transaction (each statement commits)",
                        NO_TRANSACTION,
                        "ALTER TABLE order_timeline_a ADD CONSTRAINT order_timeline_a_order_fk FOREIGN KEY (order_id)"
                                + " REFERENCES order_detail_a (order_id) NOT VALID;"
                                + " ALTER TABLE order_timeline_a VALIDATE CONSTRAINT order_timeline_a_order_fk"),
                arguments(
                        "nullable column, constant and stable defaults",
                        IN_TRANSACTION,
                        "ALTER TABLE order_detail_a ADD COLUMN ship_to_note TEXT,"
                                + " ADD COLUMN address_source TEXT NOT NULL DEFAULT 'document',"
                                + " ADD COLUMN noted_at TIMESTAMPTZ DEFAULT now()"),
                arguments(
                        "volatile default set after the column exists",
                        IN_TRANSACTION,
                        "ALTER TABLE order_detail_a ALTER COLUMN token SET DEFAULT gen_random_uuid()"),
                arguments(
                        "constraints on an index built concurrently",
                        IN_TRANSACTION,
                        "ALTER TABLE rate_limit_bucket ADD CONSTRAINT rate_limit_bucket_pkey"
                                + " PRIMARY KEY USING INDEX rate_limit_bucket_id_idx;"
                                + " ALTER TABLE api_key ADD UNIQUE USING INDEX api_key_prefix_idx"),
                arguments("plain VACUUM", NO_TRANSACTION, "VACUUM (ANALYZE) order_detail_a; VACUUM order_detail_b"),
                arguments(
                        "DDL that is only quoted or commented",
                        IN_TRANSACTION,
                        "-- CREATE INDEX order_detail_a_city_idx ON order_detail_a (ship_to_city);\n"
                                + "/* LOCK TABLE order_detail_a; */"
                                + " COMMENT ON TABLE order_detail_a IS 'never CREATE INDEX x ON order_detail_a (a);';"
                                + " CREATE FUNCTION order_detail_touch() RETURNS void LANGUAGE sql AS $body$"
                                + " ALTER TABLE order_detail_a ALTER COLUMN status TYPE TEXT; $body$"));
    }

    @Test
    void refusesConcurrentlySentWithOtherStatementsInOneCall() {
        List<String> oneCall =
                List.of("CREATE INDEX CONCURRENTLY order_detail_a_city_idx ON order_detail_a (ship_to_city);"
                        + " CREATE INDEX CONCURRENTLY order_detail_b_city_idx ON order_detail_b (ship_to_city)");

        assertThat(OnlineDdlRules.check("099-example", NO_TRANSACTION, oneCall))
                .hasSize(2)
                .allSatisfy(v -> assertThat(v.reason()).contains("sent alone"));
    }
}
