package org.orderplatform.query.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.orderplatform.query.projection.OrderEvents.PLACED_AT;
import static org.orderplatform.query.projection.OrderEvents.placed;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orderplatform.query.projection.ReadModelDatabase;
import org.orderplatform.query.slot.Slot;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * ProjectionWrites runs each event's writes in a savepoint: in PostgreSQL a failed statement would
 * otherwise abort the processor's whole transaction.
 */
class ProjectionSavepointIT {

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

    @BeforeEach
    void rejectOneCustomer() {
        jdbc.execute("ALTER TABLE order_summary_a ADD CONSTRAINT test_rejected_customer"
                + " CHECK (customer_id <> 'customer-rejected')");
    }

    @AfterEach
    void acceptAllCustomers() {
        jdbc.execute("ALTER TABLE order_summary_a DROP CONSTRAINT test_rejected_customer");
    }

    @Test
    void aFailingHandlerLeavesTheOuterTransactionUsable() {
        new TransactionTemplate(db.transactions()).executeWithoutResult(outer -> {
            projection.on(placed("savepoint-before", "customer-1"), PLACED_AT, 0);

            assertThatThrownBy(() -> projection.on(placed("savepoint-failing", "customer-rejected"), PLACED_AT, 0))
                    .isInstanceOf(DataIntegrityViolationException.class)
                    .hasMessageContaining("test_rejected_customer");

            projection.on(placed("savepoint-after", "customer-1"), PLACED_AT, 0);
        });

        assertThat(jdbc.queryForList("SELECT order_id FROM order_summary_a ORDER BY order_id", String.class))
                .containsExactly("savepoint-after", "savepoint-before");
    }
}
