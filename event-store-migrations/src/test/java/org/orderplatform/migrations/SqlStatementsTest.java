package org.orderplatform.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.orderplatform.migrations.SqlStatements.Statement;

class SqlStatementsTest {

    @Test
    void splitsOnlyAtSemicolonsOutsideQuotesCommentsAndDollarBodies() {
        String sql = """
                -- a comment; not a statement
                INSERT INTO t VALUES ('a;b', E'it\\'s;', "odd;name");
                /* outer /* nested; */ still comment; */
                CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $fn$
                BEGIN
                    RAISE NOTICE 'x;y';
                    RETURN NEW;
                END;
                $fn$;
                SELECT $1, a$b$c FROM t
                """;

        List<String> statements =
                SqlStatements.split(sql).stream().map(Statement::text).toList();

        assertThat(statements)
                .containsExactly(
                        "INSERT INTO t VALUES ('a;b', E'it\\'s;', \"odd;name\")",
                        "CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $fn$ BEGIN RAISE NOTICE 'x;y';"
                                + " RETURN NEW; END; $fn$",
                        "SELECT $1, a$b$c FROM t");
    }

    @Test
    void blanksWhatIsQuotedSoThatRulesSeeOnlyCode() {
        List<Statement> statements = SqlStatements.split(
                "COMMENT ON TABLE t IS 'LOCK TABLE t'; DO $$ BEGIN EXECUTE 'VACUUM FULL t'; END $$");

        assertThat(statements).extracting(Statement::code).containsExactly("COMMENT ON TABLE t IS ''", "DO $$ $$");
    }

    @Test
    void readsTheAddressTriggerChangesetAsAFunctionAndTwoTriggers() throws Exception {
        String sync = ChangelogSql.read("db/changelog/db.changelog-master.yaml").stream()
                .filter(c -> c.id().equals("013-order-detail-address-sync"))
                .findFirst()
                .orElseThrow()
                .roundTrips()
                .get(0);

        assertThat(SqlStatements.split(sync))
                .extracting(Statement::code)
                .satisfiesExactly(
                        function -> assertThat(function)
                                .startsWith("CREATE FUNCTION order_detail_address_sync()")
                                .endsWith("AS $$ $$"),
                        trigger -> assertThat(trigger).startsWith("CREATE TRIGGER order_detail_a_address_sync"),
                        trigger -> assertThat(trigger).startsWith("CREATE TRIGGER order_detail_b_address_sync"));
    }
}
