package org.orderplatform.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.orderplatform.embedded.testsupport.FreshDatabase;

/**
 * The contract step of the address split, staged for the next release
 * ({@code db/changelog/staged/v0.3.0.yaml}), rehearsed on this release's schema and data: it
 * refuses to run while a row still lacks its columns, runs once the backfill is done, and rolls
 * back to this release's schema with every row readable by this release's code.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AddressContractRehearsalIT {

    private static final String STAGED = "db/changelog/staged/v0.3.0.yaml";
    private static final String LONDON = "{\"recipient\":\"Ada\",\"line1\":\"1 Main Street\",\"line2\":null,"
            + "\"city\":\"London\",\"region\":null,\"postalCode\":\"N1 9GU\",\"country\":\"GB\"}";
    private static final String INSERT = "INSERT INTO order_detail_a (order_id, customer_id, status, currency,"
            + " total_minor, lines, shipping_address, created_at, updated_at, version)"
            + " VALUES (?, 'c', 'PLACED', 'EUR', 1, '[]', ?::jsonb, now(), now(), 0)";

    private static FreshDatabase db;
    private static SchemaSnapshot thisRelease;

    @BeforeAll
    static void thisReleaseWithARowTheBackfillHasNotReached() throws Exception {
        db = FreshDatabase.create();
        ChangelogCommands.run(db, "update", Map.of());
        thisRelease = SchemaSnapshot.of(db);
        Jdbc.execute(db, INSERT, "filled", LONDON);
        // a row from before the expand: no columns (the trigger did not exist then)
        Jdbc.execute(db, "ALTER TABLE order_detail_a DISABLE TRIGGER order_detail_a_address_sync");
        Jdbc.execute(db, INSERT, "not-yet-backfilled", LONDON);
        Jdbc.execute(db, "ALTER TABLE order_detail_a ENABLE TRIGGER order_detail_a_address_sync");
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        db.close();
    }

    @Test
    @Order(1)
    void haltsWhileTheBackfillIsNotDone() throws Exception {
        assertThatThrownBy(() -> ChangelogCommands.run(db, STAGED, "update", Map.of()))
                .hasStackTraceContaining("015-order-detail-address-complete")
                .hasStackTraceContaining("precondition");
        assertThat(Jdbc.strings(db, "SELECT tgname FROM pg_trigger WHERE tgname = 'order_detail_a_address_sync'"))
                .hasSize(1);
        assertThat(Jdbc.strings(db, "SELECT id FROM databasechangelog WHERE id LIKE '015%'"))
                .isEmpty();
    }

    @Test
    @Order(2)
    void contractsOnceEveryRowHasItsColumns() throws Exception {
        // what AddressBackfill does, in one go here
        Jdbc.execute(
                db,
                "UPDATE order_detail_a SET ship_to_recipient = shipping_address ->> 'recipient',"
                        + " ship_to_line1 = shipping_address ->> 'line1', ship_to_line2 = shipping_address ->> 'line2',"
                        + " ship_to_city = shipping_address ->> 'city', ship_to_region = shipping_address ->> 'region',"
                        + " ship_to_postal_code = shipping_address ->> 'postalCode',"
                        + " ship_to_country = shipping_address ->> 'country' WHERE ship_to_country IS NULL");

        ChangelogCommands.run(db, STAGED, "update", Map.of());

        assertThat(Jdbc.strings(db, "SELECT tgname FROM pg_trigger WHERE tgname LIKE 'order_detail_%_address_sync'"))
                .isEmpty();
        assertThat(Jdbc.strings(
                        db,
                        "SELECT convalidated::text FROM pg_constraint"
                                + " WHERE conname LIKE 'order_detail_%_ship_to_country_present'"))
                .containsExactly("true", "true");
        assertThat(Jdbc.strings(db, "SELECT indexname FROM pg_indexes WHERE indexname LIKE '%address_backfill_idx'"))
                .isEmpty();
        // the next release writes the columns alone
        Jdbc.execute(
                db,
                "INSERT INTO order_detail_a (order_id, customer_id, status, currency, total_minor, lines,"
                        + " ship_to_recipient, ship_to_line1, ship_to_city, ship_to_postal_code, ship_to_country,"
                        + " created_at, updated_at, version) VALUES ('columns-only', 'c', 'PLACED', 'EUR', 1, '[]',"
                        + " 'Ada', '2 High Street', 'Leeds', 'LS1', 'GB', now(), now(), 0)");
        // and a row without a country is refused
        assertThatThrownBy(() -> Jdbc.execute(
                        db,
                        "INSERT INTO order_detail_a (order_id, customer_id, status,"
                                + " currency, total_minor, lines, created_at, updated_at, version)"
                                + " VALUES ('no-address', 'c', 'PLACED', 'EUR', 1, '[]', now(), now(), 0)"))
                .hasMessageContaining("order_detail_a_ship_to_country_present");
    }

    @Test
    @Order(3)
    void rollsBackToThisReleaseWithEveryRowReadable() throws Exception {
        ChangelogCommands.run(db, STAGED, "rollback", Map.of("tag", "v0.2.0"));

        SchemaSnapshot after = SchemaSnapshot.of(db);
        assertThat(after.columns()).isEqualTo(thisRelease.columns());
        assertThat(after.constraints()).isEqualTo(thisRelease.constraints());
        assertThat(after.indexes()).isEqualTo(thisRelease.indexes());
        assertThat(after.triggers()).isEqualTo(thisRelease.triggers());
        // the trigger's function is back (its source text is laid out differently in the rollback)
        assertThat(after.functions()).hasSameSizeAs(thisRelease.functions());
        Jdbc.execute(db, INSERT, "old-writer-again", LONDON);
        assertThat(Jdbc.row(db, "SELECT ship_to_city FROM order_detail_a WHERE order_id = 'old-writer-again'"))
                .containsExactly("London");
        // the row written with the columns alone gets its document back: this release reads either
        List<String> columnsOnly = Jdbc.row(
                db,
                "SELECT shipping_address ->> 'city', shipping_address ->> 'country' FROM order_detail_a"
                        + " WHERE order_id = 'columns-only'");
        assertThat(columnsOnly).containsExactly("Leeds", "GB");
        assertThat(Jdbc.strings(db, "SELECT order_id FROM order_detail_a ORDER BY order_id"))
                .containsExactly("columns-only", "filled", "not-yet-backfilled", "old-writer-again");
    }
}
