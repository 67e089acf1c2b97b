package org.orderplatform.eventstore.positions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import javax.sql.DataSource;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.orderplatform.eventstore.testsupport.TestEngines;
import org.orderplatform.migrations.testsupport.MigratedDatabase;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** An append remembers the positions the database gave its events, for its own transaction only. */
class AppendedPositionsIT {

    private static MigratedDatabase db;
    private static DataSource dataSource;
    private static JdbcEventStorageEngine engine;
    private static DataSourceTransactionManager transactions;

    @BeforeAll
    static void engine() throws Exception {
        db = MigratedDatabase.create();
        dataSource = db.dataSource();
        transactions = new DataSourceTransactionManager(dataSource);
        engine = TestEngines.jdbc(dataSource, transactions)
                .appendEvents(AppendedPositions::appendEvents)
                .build();
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        db.close();
    }

    @Test
    void knowsEachAggregatesLastPositionWithinTheAppendingTransaction() {
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);

        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            engine.appendEvents(List.of(event(first, 0), event(second, 0), event(first, 1)));
            JdbcTemplate inTransaction = new JdbcTemplate(dataSource);
            assertThat(AppendedPositions.lastAppended(first)).isEqualTo(OptionalLong.of(stored(inTransaction, first)));
            assertThat(AppendedPositions.lastAppended(second))
                    .isEqualTo(OptionalLong.of(stored(inTransaction, second)));
            assertThat(AppendedPositions.lastAppended(first).getAsLong())
                    .isGreaterThan(AppendedPositions.lastAppended(second).getAsLong());
        });

        assertThat(AppendedPositions.lastAppended(first))
                .as("after the transaction")
                .isEmpty();
        assertThat(stored(jdbc, first)).isPositive();
    }

    @Test
    void remembersNothingWithoutATransaction() {
        String aggregate = UUID.randomUUID().toString();

        engine.appendEvents(List.of(event(aggregate, 0)));

        assertThat(AppendedPositions.lastAppended(aggregate)).isEmpty();
    }

    private static long stored(JdbcTemplate jdbc, String aggregate) {
        return jdbc.queryForObject(
                "SELECT max(global_index) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class,
                aggregate);
    }

    private static GenericDomainEventMessage<String> event(String aggregate, long sequence) {
        return new GenericDomainEventMessage<>("Order", aggregate, sequence, "event " + sequence);
    }
}
