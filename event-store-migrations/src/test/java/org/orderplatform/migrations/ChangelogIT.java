package org.orderplatform.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.orderplatform.embedded.testsupport.FreshDatabase;

/** The changelog against an empty, real PostgreSQL: what it creates, and that it can be undone and redone. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChangelogIT {

    private static final List<String> TABLES = List.of(
            "domain_event_entry",
            "snapshot_event_entry",
            "token_entry",
            "saga_entry",
            "association_value_entry",
            "dead_letter_entry",
            "idempotency_key",
            "read_model_slot",
            "order_summary_a",
            "order_summary_b",
            "order_detail_a",
            "order_detail_b",
            "order_timeline_a",
            "order_timeline_b",
            "customer_stats_a",
            "customer_stats_b",
            "customer_stats_order_a",
            "customer_stats_order_b",
            "scheduled_tasks",
            "server_secret");

    private static FreshDatabase db;

    @BeforeAll
    static void applyChangelogToEmptyDatabase() throws Exception {
        db = FreshDatabase.create();
        assertThat(tables()).isEmpty();
        liquibase("update", Map.of());
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        db.close();
    }

    @Test
    @Order(1)
    void createsEveryTableThePlatformUses() throws SQLException {
        assertThat(tables()).containsAll(TABLES);
    }

    @Test
    @Order(2)
    void storesEverySerializedPayloadAsByteaNeverOid() throws SQLException {
        Map<String, String> types = new HashMap<>();
        query(
                "SELECT table_name || '.' || column_name, data_type FROM information_schema.columns "
                        + "WHERE table_schema = 'public'",
                rs -> types.put(rs.getString(1), rs.getString(2)));
        assertThat(types)
                .containsEntry("domain_event_entry.payload", "bytea")
                .containsEntry("domain_event_entry.meta_data", "bytea")
                .containsEntry("snapshot_event_entry.payload", "bytea")
                .containsEntry("token_entry.token", "bytea")
                .containsEntry("saga_entry.serialized_saga", "bytea")
                .containsEntry("dead_letter_entry.payload", "bytea")
                .containsEntry("dead_letter_entry.diagnostics", "bytea");
        assertThat(types.values()).doesNotContain("oid");
    }

    @Test
    @Order(3)
    void numbersEventsFromADedicatedSequenceSteppingByOne() throws SQLException {
        List<Long> increments = new ArrayList<>();
        query(
                "SELECT increment_by FROM pg_sequences WHERE sequencename = 'domain_event_entry_global_index_seq'",
                rs -> increments.add(rs.getLong(1)));
        assertThat(increments).containsExactly(1L);

        insertEvent("agg-1", 0, "event-1");
        insertEvent("agg-1", 1, "event-2");
        List<Long> indexes = new ArrayList<>();
        query("SELECT global_index FROM domain_event_entry ORDER BY global_index", rs -> indexes.add(rs.getLong(1)));
        assertThat(indexes).hasSize(2);
        assertThat(indexes.get(1) - indexes.get(0)).isEqualTo(1);
    }

    @Test
    @Order(4)
    void refusesASecondEventWithTheSameAggregateSequenceNumber() {
        assertThatThrownBy(() -> insertEvent("agg-1", 1, "event-3"))
                .isInstanceOfSatisfying(
                        SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23505"))
                .hasMessageContaining("domain_event_entry_aggregate_sequence_key");
    }

    @Test
    @Order(5)
    void refusesASecondEventWithTheSameEventIdentifier() {
        assertThatThrownBy(() -> insertEvent("agg-2", 0, "event-1"))
                .isInstanceOfSatisfying(
                        SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23505"))
                .hasMessageContaining("domain_event_entry_event_identifier_key");
    }

    @Test
    @Order(6)
    void createsTheIndexesAxonIqRecommends() throws SQLException {
        List<String> indexes = new ArrayList<>();
        query("SELECT indexname FROM pg_indexes WHERE schemaname = 'public'", rs -> indexes.add(rs.getString(1)));
        assertThat(indexes)
                .contains(
                        "domain_event_entry_aggregate_sequence_key",
                        "domain_event_entry_event_identifier_key",
                        "snapshot_event_entry_pkey",
                        "association_value_entry_type_key_value_idx",
                        "association_value_entry_saga_idx",
                        "dead_letter_entry_sequence_idx",
                        "idempotency_key_expires_at_idx");
    }

    @Test
    @Order(7)
    void appliesNothingTheSecondTime() throws Exception {
        int before = count("databasechangelog");
        liquibase("update", Map.of());
        assertThat(count("databasechangelog")).isEqualTo(before);
    }

    @Test
    @Order(8)
    void rollsBackCompletelyAndAppliesAgain() throws Exception {
        liquibase("rollbackCount", Map.of("count", count("databasechangelog")));
        assertThat(tables()).doesNotContainAnyElementsOf(TABLES);

        liquibase("update", Map.of());
        assertThat(tables()).containsAll(TABLES);
    }

    private static void liquibase(String command, Map<String, Object> arguments) throws Exception {
        ChangelogCommands.run(db, command, arguments);
    }

    private static List<String> tables() throws SQLException {
        List<String> tables = new ArrayList<>();
        query("SELECT tablename FROM pg_tables WHERE schemaname = 'public'", rs -> tables.add(rs.getString(1)));
        return tables;
    }

    private static int count(String table) throws SQLException {
        int[] count = new int[1];
        query("SELECT count(*) FROM " + table, rs -> count[0] = rs.getInt(1));
        return count[0];
    }

    private static void insertEvent(String aggregate, long sequence, String eventId) throws SQLException {
        try (Connection connection = db.connect();
                Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, "
                    + "event_identifier, payload, payload_type, time_stamp) VALUES ('" + aggregate + "', " + sequence
                    + ", 'Test', '" + eventId + "', '\\x7b7d', 'test.Event', '2026-01-01T00:00:00Z')");
        }
    }

    private interface RowConsumer {
        void accept(ResultSet rs) throws SQLException;
    }

    private static void query(String sql, RowConsumer consumer) throws SQLException {
        try (Connection connection = db.connect();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                consumer.accept(rs);
            }
        }
    }
}
