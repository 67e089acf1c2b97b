package org.orderplatform.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.orderplatform.api.order.CancellationReason;
import org.orderplatform.api.order.OrderCancelled;
import org.orderplatform.api.order.OrderLine;
import org.orderplatform.api.order.OrderPlaced;
import org.orderplatform.api.order.ShippingAddress;
import org.orderplatform.api.order.ShippingAddressChanged;
import org.orderplatform.query.projection.Projections;
import org.orderplatform.query.projection.ReadModel;
import org.orderplatform.query.slot.ReadModelSlots;
import org.orderplatform.query.slot.Slot;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * R4, P1 and R6: how fast the read models are rebuilt from the event store.
 *
 * <p>Starts the platform with only the projections running, appends {@code orders} x 5 events
 * straight to the event store (placed, three address changes, cancelled) and lets the projections
 * catch up. Then:
 *
 * <ul>
 *   <li>R4, per read model: a replay through the admin API, from the request until the read model
 *       holds every order's last event, against {@link PlainReplay} (plain JDBC reading the same
 *       events and writing the same rows with COPY and batches) into the read model's other slot.
 *       The ratio to a bare {@code SELECT} scan of the events is printed too.
 *   <li>P1: the platform's replay of order-summary against the same projection on a processor as
 *       Axon's samples configure it (tracking processor, batch size 1, default settings), over at
 *       most {@code p1Events} events.
 *   <li>R6: after {@code large} more events are stored, R1 (command bus) and the replays again,
 *       against the same figures on the small store.
 * </ul>
 *
 * The saga, the relay and the dispatcher are off; the projections are stopped while commands are
 * measured.
 */
final class ProjectionReplayBenchmark {

    private static final int EVENTS_PER_ORDER = 5;

    private ProjectionReplayBenchmark() {}

    static void run(Sizes sizes, Table table) throws Exception {
        ConfigurableApplicationContext app = BenchmarkPlatform.start(
                "--orders.fulfilment.enabled=false",
                "--orders.webhooks.relay.enabled=false",
                "--orders.webhooks.dispatcher.enabled=false");
        try {
            EventStore store = app.getBean(EventStore.class);
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            Http http = new Http(BenchmarkPlatform.port(app), 2);
            String[] projections = names();

            BenchmarkPlatform.stopProcessors(app, projections);
            double emptyStoreCommands =
                    CommandBenchmark.measure(app, sizes, false).bus();
            start(app, projections);

            int orders = sizes.replayOrders();
            append(store, orders);
            long events = storedEvents(jdbc); // R1's orders included
            for (String name : projections) {
                awaitComplete(jdbc, name, orders);
            }
            double scan = scanRate(app.getBean(DataSource.class));
            System.out.printf(Locale.ROOT, "    bare SELECT scan of %,d events: %,.0f events/s%n", events, scan);

            PlainReplay plain = new PlainReplay(
                    app.getBean(DataSource.class),
                    app.getBean("defaultAxonObjectMapper", ObjectMapper.class),
                    app.getBean("jacksonObjectMapper", ObjectMapper.class));
            ReadModelSlots slots = app.getBean(ReadModelSlots.class);
            Map<String, Double> smallReplays = new LinkedHashMap<>();
            for (String name : projections) {
                double replay = events / replay(http, jdbc, name, orders);
                smallReplays.put(name, replay);
                String inactive = slots.active(name).other().code();
                long start = System.nanoTime();
                long read = plain.run(name, inactive);
                double baseline = read / Load.seconds(start);
                System.out.printf(
                        Locale.ROOT,
                        "    %s: replay %,.0f events/s (%.3fx of the scan), plain JDBC + COPY %,.0f events/s%n",
                        name,
                        replay,
                        replay / scan,
                        baseline);
                table.add(Row.rate(
                        "R4",
                        "replay " + name + " (" + events + " events; "
                                + String.format(Locale.ROOT, "%.3fx", replay / scan) + " of a bare scan)",
                        replay,
                        baseline,
                        "ev/s",
                        0.5));
            }

            double defaults = axonDefaults(app, Math.min(events, sizes.p1Events()));
            table.add(Row.rate(
                    "P1",
                    "replay order-summary vs Axon's defaults (tracking, batch 1)",
                    smallReplays.get(ReadModel.ORDER_SUMMARY_GROUP),
                    defaults,
                    "ev/s",
                    10));

            if (sizes.large() <= 0) {
                return; // R6 not asked for
            }
            // the projections rest while the store grows: the replays below rebuild them anyway
            BenchmarkPlatform.stopProcessors(app, projections);
            long largeOrders = sizes.large() / EVENTS_PER_ORDER;
            long appendStart = System.nanoTime();
            append(store, (int) largeOrders);
            System.out.printf(
                    Locale.ROOT,
                    "    stored %,d more events in %.1f s%n",
                    largeOrders * EVENTS_PER_ORDER,
                    Load.seconds(appendStart));
            int allOrders = (int) (orders + largeOrders);
            double largeStoreCommands =
                    CommandBenchmark.measure(app, sizes, false).bus();
            table.add(Row.rate(
                    "R6",
                    "R1 with " + String.format(Locale.ROOT, "%,d", sizes.large()) + " more events stored vs empty",
                    largeStoreCommands,
                    emptyStoreCommands,
                    "cmd/s",
                    0.85));
            long allEvents = storedEvents(jdbc);
            for (String name : projections) {
                double replay = allEvents / replay(http, jdbc, name, allOrders);
                table.add(Row.rate(
                        "R6",
                        "R4 " + name + " with " + String.format(Locale.ROOT, "%,d", sizes.large()) + " more events",
                        replay,
                        smallReplays.get(name),
                        "ev/s",
                        0.85));
            }
        } finally {
            app.close();
        }
    }

    private static String[] names() {
        return java.util.Arrays.stream(ReadModel.values())
                .map(ReadModel::processingGroup)
                .toArray(String[]::new);
    }

    private static void start(ConfigurableApplicationContext app, String... names) {
        for (String name : names) {
            BenchmarkPlatform.processor(app, name).start();
        }
    }

    private static long storedEvents(JdbcTemplate jdbc) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }

    /**
     * Seconds from the replay request until the admin API no longer reports it replaying and the
     * read model holds every order's last event.
     */
    private static double replay(Http http, JdbcTemplate jdbc, String name, int orders) throws Exception {
        long start = System.nanoTime();
        http.expect(202, "/admin/projections/" + name + "/replay", null);
        long deadline = start + 3_600_000_000_000L;
        while (http.get("/admin/projections/" + name).body().contains("\"replaying\":true")) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException(name + " still replaying after an hour");
            }
            LockSupport.parkNanos(10_000_000);
        }
        awaitComplete(jdbc, name, orders);
        return Load.seconds(start);
    }

    /** The same projection on Axon's defaults, into the other slot: events per second over {@code events}. */
    private static double axonDefaults(ConfigurableApplicationContext app, long events) throws Exception {
        JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
        Projections summary = app.getBeansOfType(Projections.class).values().stream()
                .filter(p -> p.readModel() == ReadModel.ORDER_SUMMARY)
                .findFirst()
                .orElseThrow();
        Slot target = app.getBean(ReadModelSlots.class)
                .active(ReadModel.ORDER_SUMMARY_GROUP)
                .other();
        jdbc.execute("TRUNCATE " + target.table("order_summary"));
        long until = jdbc.queryForObject(
                "SELECT global_index FROM domain_event_entry ORDER BY global_index OFFSET ? LIMIT 1",
                Long.class,
                events - 1);
        String name = "p1-axon-defaults-" + UUID.randomUUID();
        TrackingEventProcessor processor = TrackingEventProcessor.builder()
                .name(name)
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder()
                        .eventHandlers(summary.create(() -> target))
                        .build())
                .messageSource(app.getBean(EventStore.class))
                .tokenStore(app.getBean(TokenStore.class))
                .transactionManager(app.getBean(TransactionManager.class))
                .build();
        long start = System.nanoTime();
        processor.start();
        try {
            long deadline = start + 1_800_000_000_000L;
            while (processor.processingStatus().values().stream()
                    .noneMatch(status -> status.getCurrentPosition().orElse(0) >= until)) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("Axon's defaults did not get through " + events + " events");
                }
                LockSupport.parkNanos(10_000_000);
            }
            double rate = events / Load.seconds(start);
            System.out.printf(Locale.ROOT, "    Axon's defaults: %,.0f events/s over %,d events%n", rate, events);
            return rate;
        } finally {
            processor.shutDown();
            jdbc.update("DELETE FROM token_entry WHERE processor_name = ?", name);
            jdbc.execute("TRUNCATE " + target.table("order_summary"));
        }
    }

    /** Every order: placed, three address changes, cancelled; its last event has version 4. */
    static void append(EventStore store, int orders) {
        List<DomainEventMessage<?>> batch = new ArrayList<>(1_000);
        for (int o = 0; o < orders; o++) {
            String id = UUID.randomUUID().toString();
            List<OrderLine> lines = List.of(new OrderLine("SKU-" + (o % 100), 1 + o % 9, 1_000 + o % 5_000));
            batch.add(event(
                    id,
                    0,
                    new OrderPlaced(
                            id,
                            "customer-" + (o % 1_000),
                            o % 2 == 0 ? "EUR" : "USD",
                            lines,
                            address(0),
                            lines.get(0).lineTotalMinor(),
                            null)));
            for (int change = 1; change <= 3; change++) {
                batch.add(event(id, change, new ShippingAddressChanged(id, address(change))));
            }
            batch.add(event(id, 4, new OrderCancelled(id, CancellationReason.CUSTOMER_REQUEST, null)));
            if (batch.size() >= 1_000) {
                store.publish(batch);
                batch.clear();
            }
        }
        store.publish(batch);
    }

    private static double scanRate(DataSource dataSource) throws Exception {
        double best = 0;
        for (int run = 0; run < 3; run++) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false); // lets the driver stream with a cursor
                long start = System.nanoTime();
                long rows = 0;
                long bytes = 0;
                try (PreparedStatement statement = connection.prepareStatement(
                        "SELECT global_index, event_identifier, aggregate_identifier, sequence_number, type, time_stamp,"
                                + " payload_type, payload_revision, payload, meta_data FROM domain_event_entry"
                                + " ORDER BY global_index")) {
                    statement.setFetchSize(1_000);
                    try (ResultSet rs = statement.executeQuery()) {
                        while (rs.next()) {
                            rows++;
                            bytes += rs.getBytes(9).length + rs.getString(2).length();
                            byte[] meta = rs.getBytes(10);
                            bytes += meta == null ? 0 : meta.length;
                        }
                    }
                }
                connection.commit();
                best = Math.max(best, rows / Load.seconds(start));
                if (bytes == 0) {
                    throw new IllegalStateException("read nothing");
                }
            }
        }
        return best;
    }

    /** Waits until the read model holds every order's last event (polled every 10 ms). */
    private static void awaitComplete(JdbcTemplate jdbc, String readModel, int orders) throws TimeoutException {
        String query = switch (readModel) {
            case "order-summary" -> "SELECT count(*) FROM order_summary_{slot} WHERE version = 4";
            case "order-detail" -> "SELECT count(*) FROM order_detail_{slot} WHERE version = 4";
            case "customer-stats" -> "SELECT count(*) FROM customer_stats_order_{slot} WHERE cancelled";
            default -> throw new IllegalArgumentException(readModel);
        };
        long deadline = System.nanoTime() + 3_600_000_000_000L;
        while (true) {
            String slot = jdbc.queryForObject(
                    "SELECT active_slot FROM read_model_slot WHERE read_model = ?", String.class, readModel);
            if (jdbc.queryForObject(query.replace("{slot}", slot), Long.class) >= orders) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException(readModel + " did not complete within an hour");
            }
            LockSupport.parkNanos(10_000_000);
        }
    }

    private static DomainEventMessage<?> event(String orderId, long sequence, Object payload) {
        return new GenericDomainEventMessage<>("Order", orderId, sequence, payload);
    }

    private static ShippingAddress address(int n) {
        return new ShippingAddress("Recipient " + n, n + " Benchmark Street", null, "Berlin", null, "10117", "DE");
    }
}
