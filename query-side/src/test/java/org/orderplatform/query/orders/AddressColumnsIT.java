package org.orderplatform.query.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderplatform.query.projection.OrderEvents.CHANGED_AT;
import static org.orderplatform.query.projection.OrderEvents.HOME;
import static org.orderplatform.query.projection.OrderEvents.OFFICE;
import static org.orderplatform.query.projection.OrderEvents.PLACED_AT;
import static org.orderplatform.query.projection.OrderEvents.addressChanged;
import static org.orderplatform.query.projection.OrderEvents.placed;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.orderplatform.api.order.ShippingAddress;
import org.orderplatform.query.projection.ReadModelDatabase;
import org.orderplatform.query.slot.Slot;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The expand step of the address split (docs/migrations.md): this release's projection writes the
 * address columns itself; the trigger fills them for a writer of the previous release, which knows
 * only the JSONB document; the backfill fills the rows written before the columns existed.
 */
class AddressColumnsIT {

    private static final String PREVIOUS_RELEASE_INSERT = "INSERT INTO order_detail_a (order_id, customer_id, status,"
            + " currency, total_minor, lines, shipping_address, created_at, updated_at, version)"
            + " VALUES (?, 'customer-1', 'PLACED', 'EUR', 100, '[]', ?::jsonb, now(), now(), 0)";

    private static ReadModelDatabase db;
    private static JdbcTemplate jdbc;
    private static OrderDetailProjection projection;

    @BeforeAll
    static void createDatabase() throws Exception {
        db = ReadModelDatabase.create();
        jdbc = db.jdbc();
        projection = new OrderDetailProjection(jdbc, db.writes(), new ObjectMapper(), () -> Slot.A);
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        db.close();
    }

    @Test
    void theProjectionWritesTheColumnsItselfWithoutTheTrigger() {
        withoutTrigger(() -> {
            projection.on(placed("columns-placed", "customer-1"), PLACED_AT, 0);
            projection.on(placed("columns-moved", "customer-1"), PLACED_AT, 0);
            projection.on(addressChanged("columns-moved"), CHANGED_AT, 1);
        });

        assertThat(columns("columns-placed")).isEqualTo(expected(HOME));
        assertThat(columns("columns-moved")).isEqualTo(expected(OFFICE));
    }

    @Test
    void theTriggerFillsTheColumnsForAWriterOfThePreviousRelease() {
        jdbc.update(PREVIOUS_RELEASE_INSERT, "columns-old-node", document("Ada", "London", "GB"));
        assertThat(columns("columns-old-node"))
                .containsEntry("ship_to_recipient", "Ada")
                .containsEntry("ship_to_city", "London")
                .containsEntry("ship_to_country", "GB")
                .containsEntry("ship_to_line2", null);

        // the previous release changes the document alone: the columns follow
        jdbc.update(
                "UPDATE order_detail_a SET shipping_address = ?::jsonb, version = 1 WHERE order_id = ?",
                document("Ada", "Paris", "FR"),
                "columns-old-node");
        assertThat(columns("columns-old-node"))
                .containsEntry("ship_to_city", "Paris")
                .containsEntry("ship_to_country", "FR");

        // a change that is not to the address leaves them alone
        jdbc.update("UPDATE order_detail_a SET status = 'CANCELLED' WHERE order_id = ?", "columns-old-node");
        assertThat(columns("columns-old-node")).containsEntry("ship_to_city", "Paris");
    }

    @Test
    void theBackfillFillsRowsWrittenBeforeTheColumnsExistedInBatches() {
        List<String> ids = List.of("backfill-1", "backfill-2", "backfill-3", "backfill-4", "backfill-5");
        withoutTrigger(() -> {
            for (String id : ids) {
                jdbc.update(PREVIOUS_RELEASE_INSERT, id, document("Grace " + id, "Arlington", "US"));
            }
            // a document without a country (none is ever written so) is passed over, not retried forever
            jdbc.update(PREVIOUS_RELEASE_INSERT, "backfill-broken", "{\"recipient\":\"No Country\"}");
        });
        AddressBackfill backfill = new AddressBackfill(jdbc, 2);
        assertThat(backfill.remaining()).isGreaterThanOrEqualTo(ids.size() + 1);

        int filled = backfill.run();

        assertThat(filled).isGreaterThanOrEqualTo(ids.size());
        for (String id : ids) {
            assertThat(columns(id))
                    .containsEntry("ship_to_recipient", "Grace " + id)
                    .containsEntry("ship_to_country", "US");
        }
        assertThat(backfill.remaining()).isEqualTo(1);
        // the broken row stays where it is: the backfill does not report itself complete
        assertThat(backfill.run()).isZero();
        assertThat(backfill.remaining()).isEqualTo(1);
    }

    private static void withoutTrigger(Runnable writes) {
        jdbc.execute("ALTER TABLE order_detail_a DISABLE TRIGGER order_detail_a_address_sync");
        try {
            writes.run();
        } finally {
            jdbc.execute("ALTER TABLE order_detail_a ENABLE TRIGGER order_detail_a_address_sync");
        }
    }

    private static Map<String, Object> columns(String orderId) {
        return jdbc.queryForMap(
                "SELECT " + OrderDetailProjection.ADDRESS_COLUMNS + " FROM order_detail_a WHERE order_id = ?", orderId);
    }

    private static Map<String, Object> expected(ShippingAddress address) {
        List<String> names = Arrays.asList(OrderDetailProjection.ADDRESS_COLUMNS.split(", "));
        Object[] values = OrderDetailProjection.addressColumns(address);
        Map<String, Object> expected = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            expected.put(names.get(i), values[i]);
        }
        return expected;
    }

    private static String document(String recipient, String city, String country) {
        return "{\"recipient\":\"" + recipient + "\",\"line1\":\"1 Main Street\",\"line2\":null,\"city\":\"" + city
                + "\",\"region\":null,\"postalCode\":\"12345\",\"country\":\"" + country + "\"}";
    }
}
