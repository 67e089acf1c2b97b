package org.orderplatform.eventstore.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orderplatform.eventstore.testsupport.TestEngines;
import org.orderplatform.migrations.testsupport.MigratedDatabase;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The event store wakes its readers when events are really committed, and tells each stream when
 * events arrive. The store polls for other nodes' events only once a minute here, so anything that
 * arrives within the test's patience came through a wake-up, not a poll.
 */
class PromptEventStoreIT {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private static MigratedDatabase db;
    private static DataSource dataSource;

    private PromptEventStore store;
    private DataSourceTransactionManager transactions;
    private JdbcEventStorageEngine engine;

    @BeforeAll
    static void database() throws Exception {
        db = MigratedDatabase.create();
        dataSource = db.dataSource();
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        db.close();
    }

    @BeforeEach
    void store() {
        transactions = new DataSourceTransactionManager(dataSource);
        engine = TestEngines.jdbc(dataSource, transactions).build();
        store = new PromptEventStore(builder());
    }

    private PromptEventStore.Builder builder() {
        return PromptEventStore.builder()
                .storageEngine(engine)
                .fetchDelay(Duration.ofMinutes(1).toMillis());
    }

    @AfterEach
    void stop() {
        store.shutDown();
    }

    @Test
    void tellsEachStreamWhenEventsArrive() {
        TrackingEventStream stream = store.openStream(store.createHeadToken());
        AtomicInteger calls = new AtomicInteger();
        assertThat(stream.setOnAvailableCallback(calls::incrementAndGet)).isTrue();

        store.publish(event());

        await().atMost(PATIENCE).until(() -> calls.get() > 0);
        assertThat(stream.hasNextAvailable()).isTrue();
        stream.close();
        assertThat(store.listeners()).isZero();
    }

    @Test
    void wakesReadersOnlyOnceTheSurroundingTransactionCommits() throws Exception {
        store.shutDown();
        List<Long> visibleAtWakeUp = new CopyOnWriteArrayList<>();
        store = new PromptEventStore(builder()) {
            @Override
            void wakeReader(List<? extends EventMessage<?>> events) {
                visibleAtWakeUp.add(committedEvents());
                super.wakeReader(events);
            }
        };
        long before = committedEvents();

        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            // Axon's unit of work joins the longer transaction (as in the HTTP idempotency filter)
            DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
            unitOfWork.attachTransaction(new SpringTransactionManager(transactions));
            store.publish(event());
            unitOfWork.commit();
            assertThat(visibleAtWakeUp).as("woken before the commit").isEmpty();
        });

        // woken once, when another connection can read the event
        assertThat(visibleAtWakeUp).containsExactly(before + 1);
    }

    /** Events other connections see: what is committed. */
    private static long committedEvents() {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT count(*) FROM domain_event_entry")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static GenericDomainEventMessage<String> event() {
        return new GenericDomainEventMessage<>("Order", UUID.randomUUID().toString(), 0, "placed");
    }
}
