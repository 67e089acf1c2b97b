package org.orderplatform.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.orderplatform.embedded.testsupport.FreshDatabase;

/**
 * A release's changesets applied over the previous release's data, rolled back to its tag, and
 * applied again: the way back must lose no row, and leave exactly the schema the previous
 * release's nodes were built for.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RollbackIT {

    /** The changesets of release v0.1.0, as its nodes' changelog has them. */
    private static final List<String> V0_1_0 = List.of(
            "001-domain-event-entry",
            "001-snapshot-event-entry",
            "002-token-entry",
            "003-saga-entry",
            "003-association-value-entry",
            "004-dead-letter-entry",
            "005-idempotency-key",
            "006-read-model-slot",
            "006-order-summary",
            "006-order-detail",
            "006-customer-stats",
            "007-scheduled-tasks",
            "008-webhook-subscriptions",
            "008-webhook-deliveries",
            "009-rate-limit-buckets",
            "010-api-keys",
            "011-server-secrets",
            "012-webhook-held-because");

    private static final List<String> UP_TO_TAG =
            Stream.concat(V0_1_0.stream(), Stream.of("tag-v0.1.0")).toList();
    private static final List<String> CURRENT = Stream.concat(
                    UP_TO_TAG.stream(),
                    Stream.of(
                            "013-order-detail-address-columns",
                            "013-order-detail-address-sync",
                            "014-order-detail-address-backfill-index",
                            "016-projection-rebuilds"))
            .toList();

    private static final String ADDRESS_COLUMNS = "ship_to_recipient, ship_to_line1, ship_to_line2, ship_to_city,"
            + " ship_to_region, ship_to_postal_code, ship_to_country";
    private static final String LONDON = """
            {"recipient": "Ada Lovelace", "line1": "12 St James's Square", "line2": "Flat 3", "city": "London",
             "region": "Greater London", "postalCode": "SW1Y 4JH", "country": "GB"}""";
    private static final String BERLIN = """
            {"recipient": "Grace Hopper", "line1": "Hauptstraße 5", "line2": null, "city": "Berlin",
             "region": null, "postalCode": "10115", "country": "DE"}""";
    private static final String PARIS = """
            {"recipient": "Grace Hopper", "line1": "1 Rue de Rivoli", "line2": null, "city": "Paris",
             "region": "Île-de-France", "postalCode": "75001", "country": "FR"}""";
    private static final List<String> LONDON_COLUMNS =
            List.of("Ada Lovelace", "12 St James's Square", "Flat 3", "London", "Greater London", "SW1Y 4JH", "GB");
    private static final List<String> BERLIN_COLUMNS =
            Arrays.asList("Grace Hopper", "Hauptstraße 5", null, "Berlin", null, "10115", "DE");
    private static final List<String> PARIS_COLUMNS =
            Arrays.asList("Grace Hopper", "1 Rue de Rivoli", null, "Paris", "Île-de-France", "75001", "FR");
    // Columns as a writer might set them, unlike the document's values: the test sees whose they are.
    private static final List<String> OWN_PARIS_COLUMNS =
            List.of("GRACE HOPPER", "1 RUE DE RIVOLI", "BAT. B", "PARIS", "IDF", "75001", "FR");
    private static final List<String> OWN_LONDON_COLUMNS =
            List.of("ADA LOVELACE", "12 ST JAMES'S SQUARE", "FLAT 3", "LONDON", "GREATER LONDON", "SW1Y 4JH", "GB");

    private static FreshDatabase db;
    private static SchemaSnapshot v010Schema;
    private static Map<String, List<String>> v010Tables;
    private static Map<String, List<String>> rowsBeforeRollback;
    /** "table/order_id" to the shipping address last written there. */
    private static final Map<String, String> addresses = new TreeMap<>();

    @BeforeAll
    static void createDatabase() {
        db = FreshDatabase.create();
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        db.close();
    }

    @Test
    @Order(1)
    void updateToTagAppliesExactlyTheFirstRelease() throws Exception {
        ChangelogCommands.run(db, "updateToTag", Map.of("tag", "v0.1.0"));

        assertThat(appliedChangeSets()).containsExactlyElementsOf(UP_TO_TAG);
        assertThat(taggedChangeSets()).containsExactly("tag-v0.1.0");
        v010Schema = SchemaSnapshot.of(db);
        v010Tables = SchemaSnapshot.tables(db);
        assertThat(v010Tables.get("order_detail_a"))
                .contains("shipping_address")
                .noneMatch(c -> c.startsWith("ship_to_"));
    }

    @Test
    @Order(2)
    void firstReleaseSchemaTakesTheFirstReleaseRows() throws Exception {
        insertDetail("order_detail_a", "order-1", LONDON);
        insertDetail("order_detail_a", "order-2", BERLIN);
        insertDetail("order_detail_b", "order-1", LONDON);
        Jdbc.execute(
                db,
                "INSERT INTO order_timeline_a (order_id, version, event_type, occurred_at, details)"
                        + " VALUES ('order-1', 1, 'OrderPlaced', '2026-01-01T10:00:00Z', '{\"totalMinor\": 2500}')");
        Jdbc.execute(
                db,
                "INSERT INTO order_summary_a (order_id, customer_id, status, total_minor, currency,"
                        + " line_count, created_at, updated_at, version)"
                        + " VALUES ('order-1', 'customer-1', 'PLACED', 2500, 'EUR', 1, '2026-01-01T10:00:00Z',"
                        + " '2026-01-01T10:00:00Z', 1)");
        Jdbc.execute(
                db,
                "INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type,"
                        + " event_identifier, payload, payload_type, time_stamp) VALUES ('order-1', 0, 'Order', 'event-1',"
                        + " '\\x7b7d', 'org.orderplatform.api.OrderPlaced', '2026-01-01T10:00:00Z')");
        Jdbc.execute(
                db,
                "INSERT INTO webhook_subscription (id, url, event_types, status, created_at, updated_at)"
                        + " VALUES ('6f1c1a52-9f4e-4c55-9a0e-3f1a2b7c8d90', 'https://hooks.example.com/orders',"
                        + " ARRAY['order.placed'], 'ACTIVE', '2026-01-01T09:00:00Z', '2026-01-01T09:00:00Z')");

        assertThat(Jdbc.strings(db, "SELECT order_id FROM order_detail_a ORDER BY 1"))
                .containsExactly("order-1", "order-2");
    }

    @Test
    @Order(3)
    void updateAddsTheAddressColumnsAndLeavesExistingRowsToTheBackfill() throws Exception {
        ChangelogCommands.run(db, "update", Map.of());

        assertThat(appliedChangeSets()).containsExactlyElementsOf(CURRENT);
        SchemaSnapshot schema = SchemaSnapshot.of(db);
        for (String table : List.of("order_detail_a", "order_detail_b")) {
            assertThat(schema.columns())
                    .filteredOn(c -> c.startsWith(table + ".ship_to_"))
                    .hasSize(7)
                    .allSatisfy(c -> assertThat(c).endsWith(" text NULL"));
        }
        // what the rollback must take away again: one trigger row per event (INSERT, UPDATE) and table
        assertThat(schema.triggers()).hasSize(v010Schema.triggers().size() + 4);
        assertThat(schema.functions()).singleElement().asString().startsWith("order_detail_address_sync() trigger");
        // the two backfill indexes, and 016's table's key
        assertThat(schema.indexes())
                .filteredOn(index -> !v010Schema.indexes().contains(index))
                .hasSize(3)
                .anySatisfy(index -> assertThat(index).startsWith("CREATE UNIQUE INDEX projection_rebuild_pkey"));
        assertThat(Jdbc.strings(db, "SELECT indexrelid::regclass::text FROM pg_index WHERE indisvalid"))
                .contains("order_detail_a_address_backfill_idx", "order_detail_b_address_backfill_idx");
        assertThat(addressColumns("order_detail_a", "order-1")).containsOnlyNulls();
        assertThat(Jdbc.strings(db, "SELECT order_id FROM order_detail_a WHERE ship_to_country IS NULL ORDER BY 1"))
                .containsExactly("order-1", "order-2");
    }

    @Test
    @Order(4)
    void fillsTheColumnsOfARowInsertedTheFirstReleaseWay() throws Exception {
        insertDetail("order_detail_a", "order-3", BERLIN);
        insertDetail("order_detail_b", "order-3", BERLIN);

        assertThat(addressColumns("order_detail_a", "order-3")).containsExactlyElementsOf(BERLIN_COLUMNS);
        assertThat(addressColumns("order_detail_b", "order-3")).containsExactlyElementsOf(BERLIN_COLUMNS);
    }

    @Test
    @Order(5)
    void refreshesTheColumnsWhenOnlyTheDocumentIsUpdated() throws Exception {
        updateAddress("order_detail_a", "order-3", PARIS);
        updateAddress("order_detail_a", "order-1", PARIS);

        assertThat(addressColumns("order_detail_a", "order-3")).containsExactlyElementsOf(PARIS_COLUMNS);
        assertThat(addressColumns("order_detail_a", "order-1")).containsExactlyElementsOf(PARIS_COLUMNS);
    }

    @Test
    @Order(6)
    void keepsTheColumnsAWriterSetsItself() throws Exception {
        insertDetailWithColumns("order_detail_a", "order-4", PARIS, OWN_PARIS_COLUMNS);
        assertThat(addressColumns("order_detail_a", "order-4")).containsExactlyElementsOf(OWN_PARIS_COLUMNS);

        Jdbc.execute(
                db,
                "UPDATE order_detail_a SET shipping_address = ?::jsonb, (" + ADDRESS_COLUMNS
                        + ") = (?, ?, ?, ?, ?, ?, ?) WHERE order_id = 'order-4'",
                Stream.concat(Stream.of(LONDON), OWN_LONDON_COLUMNS.stream()).toArray());
        addresses.put("order_detail_a/order-4", LONDON);
        assertThat(addressColumns("order_detail_a", "order-4")).containsExactlyElementsOf(OWN_LONDON_COLUMNS);
    }

    @Test
    @Order(7)
    void rollbackToTheTagRestoresTheFirstReleaseSchemaExactly() throws Exception {
        rowsBeforeRollback = SchemaSnapshot.rows(db, v010Tables);

        ChangelogCommands.run(db, "rollback", Map.of("tag", "v0.1.0"));

        // Liquibase rolls back a tagDatabase changeset along with what follows its tag (by design: the
        // next update tags again), so the history is v0.1.0's own and the tag is gone until then.
        assertThat(appliedChangeSets()).containsExactlyElementsOf(V0_1_0);
        assertThat(taggedChangeSets()).isEmpty();
        SchemaSnapshot schema = SchemaSnapshot.of(db);
        assertThat(schema.columns()).as("columns").containsExactlyElementsOf(v010Schema.columns());
        assertThat(schema.constraints()).as("constraints").containsExactlyElementsOf(v010Schema.constraints());
        assertThat(schema.indexes()).as("indexes").containsExactlyElementsOf(v010Schema.indexes());
        assertThat(schema.triggers()).as("triggers").containsExactlyElementsOf(v010Schema.triggers());
        assertThat(schema.functions()).as("functions").containsExactlyElementsOf(v010Schema.functions());
        assertThat(schema.sequences()).as("sequences").containsExactlyElementsOf(v010Schema.sequences());
    }

    @Test
    @Order(8)
    void rollbackKeepsEveryRowAndItsShippingAddress() throws Exception {
        assertThat(SchemaSnapshot.rows(db, v010Tables)).isEqualTo(rowsBeforeRollback);
        assertThat(rowsBeforeRollback.get("order_detail_a")).hasSize(4);
        for (Map.Entry<String, String> written : addresses.entrySet()) {
            String[] tableAndOrder = written.getKey().split("/");
            assertThat(Jdbc.strings(
                            db,
                            "SELECT shipping_address = ?::jsonb FROM " + tableAndOrder[0] + " WHERE order_id = ?",
                            written.getValue(),
                            tableAndOrder[1]))
                    .as(written.getKey())
                    .containsExactly("t");
        }
    }

    @Test
    @Order(9)
    void updateAppliesTheReleaseAgainAfterTheRollback() throws Exception {
        ChangelogCommands.run(db, "update", Map.of());

        assertThat(appliedChangeSets()).containsExactlyElementsOf(CURRENT);
        assertThat(taggedChangeSets()).containsExactly("tag-v0.1.0");
        insertDetail("order_detail_b", "order-6", LONDON);
        assertThat(addressColumns("order_detail_b", "order-6")).containsExactlyElementsOf(LONDON_COLUMNS);
    }

    @Test
    @Order(10)
    void secondUpdateAppliesNothing() throws Exception {
        String history = "SELECT concat_ws(' ', id, orderexecuted, dateexecuted, exectype) FROM databasechangelog";
        List<String> before = Jdbc.strings(db, history);

        ChangelogCommands.run(db, "update", Map.of());

        assertThat(Jdbc.strings(db, history)).containsExactlyInAnyOrderElementsOf(before);
    }

    /** The first release's way: the address only as the JSONB document. */
    private static void insertDetail(String table, String orderId, String address) throws SQLException {
        Jdbc.execute(
                db,
                "INSERT INTO " + table + " (order_id, customer_id, status, currency, total_minor, lines,"
                        + " shipping_address, created_at, updated_at, version) VALUES (?, 'customer-1', 'PLACED',"
                        + " 'EUR', 2500, '[{\"sku\": \"SKU-1\", \"quantity\": 1, \"unitPriceMinor\": 2500}]',"
                        + " ?::jsonb, '2026-01-01T10:00:00Z', '2026-01-01T10:00:00Z', 1)",
                orderId,
                address);
        addresses.put(table + "/" + orderId, address);
    }

    /** This release's way: the document and the columns, written together. */
    private static void insertDetailWithColumns(String table, String orderId, String address, List<String> columns)
            throws SQLException {
        Jdbc.execute(
                db,
                "INSERT INTO " + table + " (order_id, customer_id, status, currency, total_minor, lines,"
                        + " shipping_address, created_at, updated_at, version, " + ADDRESS_COLUMNS + ")"
                        + " VALUES (?, 'customer-1', 'PLACED', 'EUR', 2500, '[]', ?::jsonb, '2026-01-01T10:00:00Z',"
                        + " '2026-01-01T10:00:00Z', 1, ?, ?, ?, ?, ?, ?, ?)",
                Stream.concat(Stream.of(orderId, address), columns.stream()).toArray());
        addresses.put(table + "/" + orderId, address);
    }

    private static void updateAddress(String table, String orderId, String address) throws SQLException {
        Jdbc.execute(
                db,
                "UPDATE " + table + " SET shipping_address = ?::jsonb, version = version + 1 WHERE order_id = ?",
                address,
                orderId);
        addresses.put(table + "/" + orderId, address);
    }

    private static List<String> addressColumns(String table, String orderId) throws SQLException {
        return Jdbc.row(db, "SELECT " + ADDRESS_COLUMNS + " FROM " + table + " WHERE order_id = ?", orderId);
    }

    private static List<String> taggedChangeSets() throws SQLException {
        return Jdbc.strings(db, "SELECT id FROM databasechangelog WHERE tag = 'v0.1.0'");
    }

    private static List<String> appliedChangeSets() throws SQLException {
        return Jdbc.strings(db, "SELECT id FROM databasechangelog ORDER BY orderexecuted");
    }
}
