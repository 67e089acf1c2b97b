package org.orderplatform.query.customers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderplatform.query.projection.OrderEvents.CANCELLED_AT;
import static org.orderplatform.query.projection.OrderEvents.PLACED_AT;
import static org.orderplatform.query.projection.OrderEvents.cancelled;
import static org.orderplatform.query.projection.OrderEvents.placed;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.orderplatform.query.projection.ReadModelDatabase;
import org.orderplatform.query.slot.Slot;
import org.springframework.jdbc.core.JdbcTemplate;

/** The customer-stats projection against real PostgreSQL with the changelog applied. */
class CustomerStatsProjectionIT {

    private static ReadModelDatabase db;
    private static JdbcTemplate jdbc;
    private static CustomerStatsProjection projection;

    @BeforeAll
    static void createDatabase() throws Exception {
        db = ReadModelDatabase.create();
        jdbc = db.jdbc();
        projection = new CustomerStatsProjection(jdbc, db.writes(), () -> Slot.A);
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        db.close();
    }

    @Test
    void countsOrdersAndAddsTheirTotals() {
        projection.on(placed("stats-count-1", "stats-count", "EUR", 3000), PLACED_AT);
        projection.on(placed("stats-count-2", "stats-count", "EUR", 1500), PLACED_AT);

        assertThat(stats("stats-count")).containsExactly(new Stats("EUR", 2, 4500, 0, 0));
    }

    @Test
    void keepsOneRowPerCurrency() {
        projection.on(placed("stats-currency-1", "stats-currency", "EUR", 3000), PLACED_AT);
        projection.on(placed("stats-currency-2", "stats-currency", "USD", 2000), PLACED_AT);

        assertThat(stats("stats-currency"))
                .containsExactly(new Stats("EUR", 1, 3000, 0, 0), new Stats("USD", 1, 2000, 0, 0));
    }

    @Test
    void cancellationMovesTheOrderIntoTheCancelledCounters() {
        projection.on(placed("stats-cancel-1", "stats-cancel", "EUR", 3000), PLACED_AT);
        projection.on(placed("stats-cancel-2", "stats-cancel", "EUR", 1000), PLACED_AT);

        projection.on(cancelled("stats-cancel-1"), CANCELLED_AT);

        assertThat(stats("stats-cancel")).containsExactly(new Stats("EUR", 2, 4000, 1, 3000));
    }

    @Test
    void countsARedeliveredOrderPlacedOnce() {
        projection.on(placed("stats-placed-twice", "stats-placed-twice", "EUR", 3000), PLACED_AT);

        projection.on(placed("stats-placed-twice", "stats-placed-twice", "EUR", 3000), PLACED_AT);

        assertThat(stats("stats-placed-twice")).containsExactly(new Stats("EUR", 1, 3000, 0, 0));
    }

    @Test
    void countsARedeliveredOrderCancelledOnce() {
        projection.on(placed("stats-cancelled-twice", "stats-cancelled-twice", "EUR", 3000), PLACED_AT);
        projection.on(cancelled("stats-cancelled-twice"), CANCELLED_AT);

        projection.on(cancelled("stats-cancelled-twice"), CANCELLED_AT);

        assertThat(stats("stats-cancelled-twice")).containsExactly(new Stats("EUR", 1, 3000, 1, 3000));
    }

    @Test
    void cancellationOfAnUnknownOrderChangesNothing() {
        projection.on(placed("stats-known", "stats-unknown", "EUR", 3000), PLACED_AT);
        int ordersBefore = db.count("customer_stats_order_a");

        projection.on(cancelled("stats-never-placed"), CANCELLED_AT);

        assertThat(stats("stats-unknown")).containsExactly(new Stats("EUR", 1, 3000, 0, 0));
        assertThat(db.count("customer_stats_order_a")).isEqualTo(ordersBefore);
    }

    @Test
    void resetEmptiesStatsAndOrders() {
        projection.on(placed("stats-reset", "stats-reset", "EUR", 3000), PLACED_AT);

        projection.reset();

        assertThat(db.count("customer_stats_a")).isZero();
        assertThat(db.count("customer_stats_order_a")).isZero();
    }

    private record Stats(
            String currency, long orderCount, long totalMinor, long cancelledCount, long cancelledTotalMinor) {}

    private static List<Stats> stats(String customerId) {
        return jdbc.query(
                "SELECT currency, order_count, total_minor, cancelled_count, cancelled_total_minor"
                        + " FROM customer_stats_a WHERE customer_id = ? ORDER BY currency",
                (rs, n) -> new Stats(
                        rs.getString("currency"),
                        rs.getLong("order_count"),
                        rs.getLong("total_minor"),
                        rs.getLong("cancelled_count"),
                        rs.getLong("cancelled_total_minor")),
                customerId);
    }
}
