package org.orderplatform.query.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderplatform.query.projection.OrderEvents.CANCELLED_AT;
import static org.orderplatform.query.projection.OrderEvents.CHANGED_AT;
import static org.orderplatform.query.projection.OrderEvents.PLACED_AT;
import static org.orderplatform.query.projection.OrderEvents.addressChanged;
import static org.orderplatform.query.projection.OrderEvents.cancelled;
import static org.orderplatform.query.projection.OrderEvents.placed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.orderplatform.api.order.CancellationReason;
import org.orderplatform.api.order.OrderCancelled;
import org.orderplatform.api.order.OrderPlaced;
import org.orderplatform.api.order.ShippingAddress;
import org.orderplatform.query.projection.ReadModelDatabase;
import org.orderplatform.query.slot.Slot;
import org.springframework.jdbc.core.JdbcTemplate;

/** The order-detail projection and its timeline against real PostgreSQL with the changelog applied. */
class OrderDetailProjectionIT {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private static ReadModelDatabase db;
    private static JdbcTemplate jdbc;
    private static OrderDetailProjection projection;

    @BeforeAll
    static void createDatabase() throws Exception {
        db = ReadModelDatabase.create();
        jdbc = db.jdbc();
        projection = new OrderDetailProjection(jdbc, db.writes(), JSON, () -> Slot.A);
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        db.close();
    }

    @Test
    void storesTheLinesAsGiven() {
        projection.on(placed("detail-lines", "customer-1"), PLACED_AT, 0);

        assertThat(column("detail-lines", "lines"))
                .isEqualTo(json("[{\"sku\":\"SKU-1\",\"quantity\":2,\"unitPriceMinor\":1250},"
                        + "{\"sku\":\"SKU-2\",\"quantity\":1,\"unitPriceMinor\":500}]"));
    }

    @Test
    void storesTheShippingAddressAsGiven() {
        projection.on(placed("detail-address", "customer-1"), PLACED_AT, 0);

        assertThat(column("detail-address", "shipping_address"))
                .isEqualTo(json("{\"recipient\":\"Ada Lovelace\",\"line1\":\"1 Main Street\",\"line2\":null,"
                        + "\"city\":\"London\",\"region\":null,\"postalCode\":\"N1 9GU\",\"country\":\"GB\"}"));
    }

    @Test
    void replacesTheShippingAddressWhenItChanges() {
        projection.on(placed("detail-moved", "customer-1"), PLACED_AT, 0);
        projection.on(addressChanged("detail-moved"), CHANGED_AT, 1);

        assertThat(column("detail-moved", "shipping_address").get("city").asText())
                .isEqualTo("Berlin");
    }

    @Test
    void ignoresAnAddressChangeOlderThanTheRow() {
        projection.on(placed("detail-older", "customer-1"), PLACED_AT, 0);
        projection.on(cancelled("detail-older"), CANCELLED_AT, 2);

        projection.on(addressChanged("detail-older"), CHANGED_AT, 1);

        assertThat(column("detail-older", "shipping_address").get("city").asText())
                .isEqualTo("London");
        assertThat(column("detail-older", "version").asLong()).isEqualTo(2);
    }

    @Test
    void storesTheCancellationWithReasonAndComment() {
        projection.on(placed("detail-cancelled", "customer-1"), PLACED_AT, 0);
        projection.on(cancelled("detail-cancelled"), CANCELLED_AT, 1);

        assertThat(column("detail-cancelled", "status").asText()).isEqualTo("CANCELLED");
        assertThat(column("detail-cancelled", "cancellation"))
                .isEqualTo(json("{\"reason\":\"CUSTOMER_REQUEST\",\"comment\":\"Ordered by mistake\","
                        + "\"cancelledAt\":\"2026-03-01T10:10:00Z\"}"));
    }

    @Test
    void storesTextPostgresqlRefusesWithTheReplacementCharacter() {
        // an event stored before the API refused such text: the order shows instead of being parked
        var address = new ShippingAddress("A\u0000B", "1 Main\uD800 Street", null, "London", null, "N1 9GU", "GB");
        OrderPlaced placed = placed("detail-nul", "customer-1");
        projection.on(
                new OrderPlaced(
                        placed.orderId(),
                        placed.customerId(),
                        placed.currency(),
                        placed.lines(),
                        address,
                        placed.totalMinor(),
                        placed.paymentToken()),
                PLACED_AT,
                0);
        projection.on(
                new OrderCancelled("detail-nul", CancellationReason.CUSTOMER_REQUEST, "no\u0000pe"), CANCELLED_AT, 1);

        assertThat(column("detail-nul", "shipping_address").get("recipient").asText())
                .isEqualTo("A\uFFFDB");
        assertThat(column("detail-nul", "shipping_address").get("line1").asText())
                .isEqualTo("1 Main\uFFFD Street");
        assertThat(column("detail-nul", "cancellation").get("comment").asText()).isEqualTo("no\uFFFDpe");
        assertThat(timeline("detail-nul")).hasSize(2);
    }

    @Test
    void recordsOneTimelineEntryPerEventInVersionOrder() {
        projection.on(placed("detail-timeline", "customer-1"), PLACED_AT, 0);
        projection.on(addressChanged("detail-timeline"), CHANGED_AT, 1);
        projection.on(cancelled("detail-timeline"), CANCELLED_AT, 2);

        assertThat(timeline("detail-timeline"))
                .containsExactly(
                        new Entry(0, "OrderPlaced", PLACED_AT),
                        new Entry(1, "ShippingAddressChanged", CHANGED_AT),
                        new Entry(2, "OrderCancelled", CANCELLED_AT));
    }

    @Test
    void redeliveredEventsAddNoTimelineEntries() {
        projection.on(placed("detail-redelivered", "customer-1"), PLACED_AT, 0);
        projection.on(addressChanged("detail-redelivered"), CHANGED_AT, 1);

        projection.on(placed("detail-redelivered", "customer-1"), PLACED_AT, 0);
        projection.on(addressChanged("detail-redelivered"), CHANGED_AT, 1);

        assertThat(timeline("detail-redelivered")).hasSize(2);
    }

    @Test
    void resetEmptiesDetailAndTimeline() {
        projection.on(placed("detail-reset", "customer-1"), PLACED_AT, 0);

        projection.reset();

        assertThat(db.count("order_detail_a")).isZero();
        assertThat(db.count("order_timeline_a")).isZero();
    }

    private record Entry(long version, String type, Instant occurredAt) {}

    private static List<Entry> timeline(String orderId) {
        return jdbc.query(
                "SELECT version, event_type, occurred_at FROM order_timeline_a WHERE order_id = ? ORDER BY version",
                (rs, n) -> new Entry(
                        rs.getLong("version"),
                        rs.getString("event_type"),
                        rs.getObject("occurred_at", OffsetDateTime.class).toInstant()),
                orderId);
    }

    /** A column of the order's detail row as JSON (a plain text column becomes a text node). */
    private static JsonNode column(String orderId, String column) {
        String value = jdbc.queryForObject(
                "SELECT to_jsonb(" + column + ")::text FROM order_detail_a WHERE order_id = ?", String.class, orderId);
        return json(value);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
