package org.orderplatform.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.orderplatform.api.order.OrderCancelled;
import org.orderplatform.api.order.OrderConfirmed;
import org.orderplatform.api.order.OrderLine;
import org.orderplatform.api.order.OrderPlaced;
import org.orderplatform.api.order.ShippingAddress;
import org.orderplatform.api.order.ShippingAddressChanged;
import org.orderplatform.command.order.Order;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * R3: loading an aggregate of {@code loadEvents} events (one order: placed, then address changes).
 *
 * <ul>
 *   <li>without a snapshot: Axon's event-sourcing repository on the platform's event store reads
 *       and applies every event;
 *   <li>with a snapshot: the same repository after the platform's snapshotter made one;
 *   <li>baseline: a plain {@code SELECT} of the aggregate's payloads, each deserialized with the
 *       same mapper and applied to a plain state holder.
 * </ul>
 *
 * Targets: with / without a snapshot at least 20x faster; without a snapshot at least 0.6x of
 * the plain read. Median of {@code loads} loads each, after warm-up.
 */
final class AggregateLoadBenchmark {

    private AggregateLoadBenchmark() {}

    static void run(Sizes sizes, Table table) throws Exception {
        ConfigurableApplicationContext app = CommandBenchmark.startCommandSideOnly();
        try {
            EventStore store = app.getBean(EventStore.class);
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            String orderId = UUID.randomUUID().toString();
            append(store, orderId, sizes.loadEvents());
            EventSourcingRepository<Order> repository = EventSourcingRepository.builder(Order.class)
                    .eventStore(store)
                    .build();
            PlainLoader plain = new PlainLoader(
                    app.getBean(DataSource.class), app.getBean("defaultAxonObjectMapper", ObjectMapper.class));

            jdbc.update("DELETE FROM snapshot_event_entry WHERE aggregate_identifier = ?", orderId);
            double without = medianMillis(sizes.loads(), () -> load(repository, orderId));
            double baseline = medianMillis(sizes.loads(), () -> plain.load(orderId, sizes.loadEvents()));

            app.getBean(Snapshotter.class).scheduleSnapshot(Order.class, orderId);
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (jdbc.queryForObject(
                            "SELECT count(*) FROM snapshot_event_entry WHERE aggregate_identifier = ?",
                            Long.class,
                            orderId)
                    == 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("no snapshot within a minute");
                }
                LockSupport.parkNanos(10_000_000);
            }
            double with = medianMillis(sizes.loads(), () -> load(repository, orderId));
            System.out.printf(
                    Locale.ROOT,
                    "    load of %,d events: without snapshot %.2f ms, with %.2f ms, plain select + apply %.2f ms%n",
                    sizes.loadEvents(),
                    without,
                    with,
                    baseline);
            table.add(Row.rate(
                    "R3a",
                    "aggregate load, " + sizes.loadEvents() + " events: with snapshot vs without",
                    1000 / with,
                    1000 / without,
                    "loads/s",
                    20));
            table.add(Row.rate(
                    "R3b",
                    "aggregate load, " + sizes.loadEvents() + " events, no snapshot, vs plain select + apply",
                    1000 / without,
                    1000 / baseline,
                    "loads/s",
                    0.6));
        } finally {
            app.close();
        }
    }

    private static void load(EventSourcingRepository<Order> repository, String orderId) {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        try {
            repository.load(orderId);
        } finally {
            unitOfWork.rollback();
        }
    }

    private static double medianMillis(int loads, Runnable load) {
        for (int i = 0; i < 3; i++) {
            load.run();
        }
        double[] millis = new double[loads];
        for (int i = 0; i < loads; i++) {
            long start = System.nanoTime();
            load.run();
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        return Load.median(millis);
    }

    private static void append(EventStore store, String orderId, int events) {
        List<DomainEventMessage<?>> batch = new ArrayList<>(1_000);
        List<OrderLine> lines = List.of(new OrderLine("SKU-1", 1, 1_000));
        batch.add(new GenericDomainEventMessage<>(
                "Order",
                orderId,
                0,
                new OrderPlaced(orderId, "customer-1", "EUR", lines, address(0), 1_000, "tok_visa")));
        batch.add(new GenericDomainEventMessage<>("Order", orderId, 1, new OrderConfirmed(orderId)));
        for (int sequence = 2; sequence < events; sequence++) {
            batch.add(new GenericDomainEventMessage<>(
                    "Order", orderId, sequence, new ShippingAddressChanged(orderId, address(sequence))));
            if (batch.size() == 1_000) {
                store.publish(batch);
                batch.clear();
            }
        }
        store.publish(batch);
    }

    private static ShippingAddress address(int n) {
        return new ShippingAddress("Recipient " + n, n + " Benchmark Street", null, "Berlin", null, "10117", "DE");
    }

    /** The baseline: select the payloads in order, deserialize each, fold them into plain state. */
    private static final class PlainLoader {
        private final DataSource dataSource;
        private final ObjectMapper json;
        private final Map<String, Class<?>> types = new HashMap<>();

        PlainLoader(DataSource dataSource, ObjectMapper json) {
            this.dataSource = dataSource;
            this.json = json;
        }

        void load(String orderId, int expected) {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement select = connection.prepareStatement(
                            "SELECT payload_type, payload FROM domain_event_entry WHERE aggregate_identifier = ?"
                                    + " ORDER BY sequence_number")) {
                select.setString(1, orderId);
                select.setFetchSize(1_000);
                PlainOrder order = new PlainOrder();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        order.apply(json.readValue(rs.getBytes(2), type(rs.getString(1))));
                    }
                }
                if (order.version != expected - 1) {
                    throw new IllegalStateException("read " + (order.version + 1) + " events");
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        private Class<?> type(String name) {
            return types.computeIfAbsent(name, n -> {
                try {
                    return Class.forName(n);
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
    }

    /** What the aggregate keeps, as plain fields. */
    private static final class PlainOrder {
        String orderId;
        String status;
        ShippingAddress address;
        long version = -1;

        void apply(Object event) {
            version++;
            if (event instanceof OrderPlaced placed) {
                orderId = placed.orderId();
                status = "PLACED";
                address = placed.shippingAddress();
            } else if (event instanceof OrderConfirmed) {
                status = "CONFIRMED";
            } else if (event instanceof ShippingAddressChanged changed) {
                address = changed.shippingAddress();
            } else if (event instanceof OrderCancelled) {
                status = "CANCELLED";
            }
        }
    }
}
