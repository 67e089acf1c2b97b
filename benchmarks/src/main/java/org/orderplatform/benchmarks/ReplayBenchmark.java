package org.orderplatform.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.orderplatform.api.order.CancellationReason;
import org.orderplatform.api.order.OrderCancelled;
import org.orderplatform.api.order.OrderLine;
import org.orderplatform.api.order.OrderPlaced;
import org.orderplatform.api.order.ShippingAddress;
import org.orderplatform.api.order.ShippingAddressChanged;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * How fast a projection replays, against how fast PostgreSQL can merely read the same events.
 *
 * <p>Starts the platform on a fresh embedded database, appends {@code orders} x 5 events straight
 * to the event store, lets the projections catch up, then measures (1) the baseline: a plain
 * {@code SELECT} scan of every event row, payloads included, best of three; (2) a replay of each
 * projection through the admin API, from the request until the read model holds every order's
 * last event. Prints events per second and the ratio replay / scan.
 *
 * <p>Run: {@code mvn -q package -DskipTests && java -jar benchmarks/target/benchmarks.jar [orders]}
 * (default 20,000 orders = 100,000 events).
 */
public final class ReplayBenchmark {

    private static final int EVENTS_PER_ORDER = 5;
    private static final String ADMIN_KEY = "benchmark";

    private ReplayBenchmark() {}

    public static void main(String[] args) throws Exception {
        int orders = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        long events = (long) orders * EVENTS_PER_ORDER;
        ConfigurableApplicationContext app = BenchmarkPlatform.start("--orders.admin.api-key=" + ADMIN_KEY);
        try {
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            int port = BenchmarkPlatform.port(app);
            System.out.printf(
                    Locale.ROOT,
                    "%nReplay benchmark: %,d orders, %,d events; %d cores, Java %s%n",
                    orders,
                    events,
                    Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"));

            long appendStart = System.nanoTime();
            append(app.getBean(EventStore.class), orders);
            double appendSeconds = seconds(appendStart);
            System.out.printf(
                    Locale.ROOT,
                    "append (event store, batches of 1,000): %8.2f s  %,10.0f events/s%n",
                    appendSeconds,
                    events / appendSeconds);
            long firstPassStart = System.nanoTime();
            for (Projection projection : Projection.values()) {
                awaitComplete(jdbc, projection, orders);
            }
            System.out.printf(
                    Locale.ROOT,
                    "first projection pass (3 projections in parallel): %8.2f s%n",
                    seconds(firstPassStart));

            double scan = bestScanRate(app.getBean(DataSource.class), 3);
            System.out.printf(
                    Locale.ROOT, "%nbaseline: SELECT scan of all event rows (best of 3): %,10.0f events/s%n", scan);
            System.out.printf(Locale.ROOT, "%-16s %10s %14s %16s%n", "replay", "seconds", "events/s", "ratio to scan");
            for (Projection projection : Projection.values()) {
                long start = System.nanoTime();
                replay(port, projection);
                awaitComplete(jdbc, projection, orders);
                double took = seconds(start);
                double rate = events / took;
                System.out.printf(
                        Locale.ROOT, "%-16s %10.2f %,14.0f %15.3fx%n", projection.name, took, rate, rate / scan);
            }
            System.out.println();
        } finally {
            app.close();
        }
        // Axon's janitor thread is not a daemon; a server stops on a signal, a benchmark must exit
        System.exit(0);
    }

    /** Every order: placed, three address changes, cancelled; its last event has version 4. */
    private static void append(EventStore store, int orders) {
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

    private static double bestScanRate(DataSource dataSource, int runs) throws Exception {
        double best = 0;
        for (int run = 0; run < runs; run++) {
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
                best = Math.max(best, rows / seconds(start));
                if (bytes == 0) {
                    throw new IllegalStateException("read nothing");
                }
            }
        }
        return best;
    }

    private static void replay(int port, Projection projection) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/admin/projections/"
                                        + projection.name + "/replay"))
                                .header("X-API-Key", ADMIN_KEY)
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IllegalStateException("replay of " + projection.name + " answered " + response.statusCode());
        }
    }

    /** Waits until the read model holds every order's last event (polled every 10 ms). */
    private static void awaitComplete(JdbcTemplate jdbc, Projection projection, int orders) {
        LongSupplier done = () -> {
            String slot = jdbc.queryForObject(
                    "SELECT active_slot FROM read_model_slot WHERE read_model = ?", String.class, projection.name);
            return jdbc.queryForObject(projection.completeRows.replace("{slot}", slot), Long.class);
        };
        while (done.getAsLong() < orders) {
            LockSupport.parkNanos(10_000_000);
        }
    }

    private static DomainEventMessage<?> event(String orderId, long sequence, Object payload) {
        return new GenericDomainEventMessage<>("Order", orderId, sequence, payload);
    }

    private static ShippingAddress address(int n) {
        return new ShippingAddress("Recipient " + n, n + " Benchmark Street", null, "Berlin", null, "10117", "DE");
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private enum Projection {
        ORDER_SUMMARY("order-summary", "SELECT count(*) FROM order_summary_{slot} WHERE version = 4"),
        ORDER_DETAIL("order-detail", "SELECT count(*) FROM order_detail_{slot} WHERE version = 4"),
        CUSTOMER_STATS("customer-stats", "SELECT count(*) FROM customer_stats_order_{slot} WHERE cancelled");

        final String name;
        final String completeRows;

        Projection(String name, String completeRows) {
            this.name = name;
            this.completeRows = completeRows;
        }
    }
}
