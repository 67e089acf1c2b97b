package org.orderplatform.query.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderplatform.query.projection.OrderEvents.CANCELLED_AT;
import static org.orderplatform.query.projection.OrderEvents.CHANGED_AT;
import static org.orderplatform.query.projection.OrderEvents.PLACED_AT;
import static org.orderplatform.query.projection.OrderEvents.addressChanged;
import static org.orderplatform.query.projection.OrderEvents.cancelled;
import static org.orderplatform.query.projection.OrderEvents.placed;

import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.orderplatform.query.projection.ReadModelDatabase;
import org.orderplatform.query.slot.Slot;
import org.springframework.jdbc.core.JdbcTemplate;

/** The order-summary projection against real PostgreSQL with the changelog applied. */
class OrderSummaryProjectionIT {

    private static ReadModelDatabase db;
    private static JdbcTemplate jdbc;
    private static OrderSummaryProjection projection;

    @BeforeAll
    static void createDatabase() throws Exception {
        db = ReadModelDatabase.create();
        jdbc = db.jdbc();
        projection = new OrderSummaryProjection(jdbc, db.writes(), () -> Slot.A);
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        db.close();
    }

    @Test
    void insertsAPlacedOrder() {
        projection.on(placed("summary-placed", "customer-1"), PLACED_AT, 0);

        assertThat(row("summary-placed"))
                .isEqualTo(new Row("customer-1", "PLACED", 3000, "EUR", 2, PLACED_AT, PLACED_AT, 0));
    }

    @Test
    void addressChangeMovesOnlyUpdatedAtAndVersion() {
        projection.on(placed("summary-moved", "customer-1"), PLACED_AT, 0);
        projection.on(addressChanged("summary-moved"), CHANGED_AT, 1);

        assertThat(row("summary-moved"))
                .isEqualTo(new Row("customer-1", "PLACED", 3000, "EUR", 2, PLACED_AT, CHANGED_AT, 1));
    }

    @Test
    void cancellationMarksTheOrderCancelled() {
        projection.on(placed("summary-cancelled", "customer-1"), PLACED_AT, 0);
        projection.on(cancelled("summary-cancelled"), CANCELLED_AT, 1);

        assertThat(row("summary-cancelled"))
                .isEqualTo(new Row("customer-1", "CANCELLED", 3000, "EUR", 2, PLACED_AT, CANCELLED_AT, 1));
    }

    @Test
    void redeliveredOrderPlacedDoesNotOverwriteALaterState() {
        projection.on(placed("summary-replaced", "customer-1"), PLACED_AT, 0);
        projection.on(cancelled("summary-replaced"), CANCELLED_AT, 1);

        projection.on(placed("summary-replaced", "customer-1"), PLACED_AT, 0);

        assertThat(row("summary-replaced").status()).isEqualTo("CANCELLED");
        assertThat(row("summary-replaced").version()).isEqualTo(1);
    }

    @Test
    void ignoresAnUpdateOlderThanTheRow() {
        projection.on(placed("summary-older", "customer-1"), PLACED_AT, 0);
        projection.on(cancelled("summary-older"), CANCELLED_AT, 2);

        projection.on(addressChanged("summary-older"), CHANGED_AT, 1);

        assertThat(row("summary-older"))
                .isEqualTo(new Row("customer-1", "CANCELLED", 3000, "EUR", 2, PLACED_AT, CANCELLED_AT, 2));
    }

    @Test
    void ignoresAnUpdateWhoseVersionIsAlreadyApplied() {
        projection.on(placed("summary-equal", "customer-1"), PLACED_AT, 0);
        projection.on(addressChanged("summary-equal"), CHANGED_AT, 1);

        projection.on(cancelled("summary-equal"), CANCELLED_AT, 1);

        assertThat(row("summary-equal"))
                .isEqualTo(new Row("customer-1", "PLACED", 3000, "EUR", 2, PLACED_AT, CHANGED_AT, 1));
    }

    @Test
    void resetEmptiesTheTableOfItsOwnSlotOnly() {
        OrderSummaryProjection slotB = new OrderSummaryProjection(jdbc, db.writes(), () -> Slot.B);
        projection.on(placed("summary-reset-a", "customer-1"), PLACED_AT, 0);
        slotB.on(placed("summary-reset-b", "customer-1"), PLACED_AT, 0);

        projection.reset();

        assertThat(db.count("order_summary_a")).isZero();
        assertThat(db.count("order_summary_b")).isEqualTo(1);
    }

    private record Row(
            String customerId,
            String status,
            long totalMinor,
            String currency,
            int lineCount,
            Instant createdAt,
            Instant updatedAt,
            long version) {}

    private static Row row(String orderId) {
        return jdbc.queryForObject(
                "SELECT * FROM order_summary_a WHERE order_id = ?",
                (rs, n) -> new Row(
                        rs.getString("customer_id"),
                        rs.getString("status"),
                        rs.getLong("total_minor"),
                        rs.getString("currency"),
                        rs.getInt("line_count"),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                        rs.getObject("updated_at", OffsetDateTime.class).toInstant(),
                        rs.getLong("version")),
                orderId);
    }
}
