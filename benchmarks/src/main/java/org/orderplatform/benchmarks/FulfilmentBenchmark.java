package org.orderplatform.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.orderplatform.api.order.OrderConfirmed;
import org.orderplatform.api.payment.PaymentIds;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * L1 and S1: order fulfilment, end to end through the saga (stock reservation, payment
 * authorization at the built-in sandbox provider over HTTP, confirmation). The relay, the webhook
 * dispatcher and the projections are off; the saga runs with its default tuning.
 *
 * <ul>
 *   <li>L1: {@code latencyOrders} orders one after another on an idle platform, each timed from
 *       sending its POST until its {@code OrderConfirmed} event is committed (seen by a listener on
 *       the event store, after the commit of the unit of work that appended it).
 *   <li>S1: with the saga's processor stopped, {@code sagaOrders} orders are placed over HTTP
 *       from {@code concurrency} threads (the HTTP order rate: the baseline); then the saga starts
 *       and drains that backlog (orders confirmed per second). At 1.0x or more the saga keeps up
 *       with the rate the API takes orders at.
 * </ul>
 */
final class FulfilmentBenchmark {

    static final String SAGA = "OrderFulfilmentSagaProcessor";
    private static final int SKUS = 20;

    private FulfilmentBenchmark() {}

    static void run(Sizes sizes, Table table) throws Exception {
        ConfigurableApplicationContext app = BenchmarkPlatform.start(
                "--orders.webhooks.relay.enabled=false", "--orders.webhooks.dispatcher.enabled=false");
        try {
            BenchmarkPlatform.stopProcessors(app, "order-summary", "order-detail", "customer-stats");
            Map<String, Long> confirmedAt = new ConcurrentHashMap<>();
            app.getBean(EventStore.class).subscribe(events -> {
                for (EventMessage<?> event : events) {
                    if (event.getPayload() instanceof OrderConfirmed confirmed) {
                        // after the commit that makes it visible, not before
                        CurrentUnitOfWork.ifStarted(unitOfWork -> unitOfWork
                                .root()
                                .afterCommit(u -> confirmedAt.put(confirmed.orderId(), System.nanoTime())));
                    }
                }
            });
            Http http = new Http(BenchmarkPlatform.port(app), sizes.concurrency());
            for (int sku = 0; sku < SKUS; sku++) {
                http.expect(
                        201,
                        "/admin/products",
                        "{\"sku\":\"SKU-" + sku + "\",\"name\":\"Benchmark product\",\"initialStock\":1000000}");
            }
            latency(app, http, confirmedAt, sizes, table);
            sagaThroughput(app, http, confirmedAt, sizes, table);
        } finally {
            app.close();
        }
    }

    private static void latency(
            ConfigurableApplicationContext app, Http http, Map<String, Long> confirmedAt, Sizes sizes, Table table)
            throws Exception {
        for (int i = 0; i < Math.min(20, sizes.latencyOrders()); i++) {
            placeAndAwait(http, confirmedAt, i, null);
        }
        double[] millis = new double[sizes.latencyOrders()];
        String[] orderIds = new String[millis.length];
        for (int i = 0; i < millis.length; i++) {
            String[] orderId = new String[1];
            millis[i] = placeAndAwait(http, confirmedAt, i, orderId);
            orderIds[i] = orderId[0];
        }
        printTimeline(app.getBean(JdbcTemplate.class), orderIds[indexOfMedian(millis)]);
        double median = Load.median(millis);
        double p99 = Load.percentile(millis, 0.99);
        System.out.printf(
                Locale.ROOT,
                "    placed -> confirmed over %d orders: min %.1f ms, median %.1f ms, p99 %.1f ms, max %.1f ms%n",
                millis.length,
                Load.percentile(millis, 0),
                median,
                p99,
                Load.percentile(millis, 1));
        table.add(new Row(
                "L1",
                "placed -> CONFIRMED, idle, " + sizes.latencyOrders() + " sequential orders",
                String.format(Locale.ROOT, "median %.0f ms, p99 %.0f ms", median, p99),
                "-",
                "-",
                "median < 150 ms, p99 < 500 ms",
                median < 150 && p99 < 500));
    }

    /** Milliseconds from sending the POST until the order's confirmation is committed. */
    private static double placeAndAwait(Http http, Map<String, Long> confirmedAt, int n, String[] placed)
            throws Exception {
        long start = System.nanoTime();
        String orderId = Http.orderIdOf(http.expect(201, "/api/v1/orders", order(n)));
        if (placed != null) {
            placed[0] = orderId;
        }
        long deadline = start + 30_000_000_000L;
        Long confirmed;
        while ((confirmed = confirmedAt.get(orderId)) == null) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("order " + orderId + " not confirmed within 30 s");
            }
            LockSupport.parkNanos(100_000);
        }
        return (confirmed - start) / 1e6;
    }

    private static int indexOfMedian(double[] millis) {
        double median = Load.median(millis);
        for (int i = 0; i < millis.length; i++) {
            if (millis[i] == median) {
                return i;
            }
        }
        return 0;
    }

    /**
     * Where the median order's time went: each event of the order, its payment and its stock
     * reservations, with its time (when its aggregate applied it) after the order was placed.
     */
    private static void printTimeline(JdbcTemplate jdbc, String orderId) {
        List<Map<String, Object>> events = jdbc.queryForList(
                "SELECT time_stamp, payload_type FROM domain_event_entry WHERE aggregate_identifier IN (?, ?)"
                        + " OR (payload_type LIKE '%.StockReserved' AND position(? in convert_from(payload, 'UTF8')) > 0)"
                        + " ORDER BY global_index",
                orderId, PaymentIds.of(orderId), orderId);
        Instant placed = Instant.parse((String) events.get(0).get("time_stamp"));
        StringBuilder line = new StringBuilder("    median order's events:");
        for (Map<String, Object> event : events) {
            String type = (String) event.get("payload_type");
            line.append(String.format(
                    Locale.ROOT,
                    " %s +%d ms,",
                    type.substring(type.lastIndexOf('.') + 1),
                    Duration.between(placed, Instant.parse((String) event.get("time_stamp")))
                            .toMillis()));
        }
        System.out.println(line.substring(0, line.length() - 1));
    }

    private static void sagaThroughput(
            ConfigurableApplicationContext app, Http http, Map<String, Long> confirmedAt, Sizes sizes, Table table)
            throws Exception {
        StreamingEventProcessor saga = BenchmarkPlatform.processor(app, SAGA);
        saga.shutDown();
        Set<String> placed = ConcurrentHashMap.newKeySet();
        AtomicInteger counter = new AtomicInteger();
        DataSource dataSource = app.getBean(DataSource.class);
        Cpu placing = Cpu.now(dataSource);
        double httpRate = Load.rate(
                sizes.concurrency(),
                sizes.sagaOrders(),
                (thread, i) -> placed.add(
                        Http.orderIdOf(http.expect(201, "/api/v1/orders", order(counter.incrementAndGet())))));
        String placingCpu = Cpu.perOperation(placing, sizes.sagaOrders());
        Cpu draining = Cpu.now(dataSource);
        ThreadCpu threads = ThreadCpu.start();
        long start = System.nanoTime();
        saga.start();
        long deadline = start + 1_800_000_000_000L;
        while (!confirmedAt.keySet().containsAll(placed)) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("the saga did not confirm the backlog within 30 minutes");
            }
            LockSupport.parkNanos(10_000_000);
        }
        double sagaRate = placed.size() / Load.seconds(start);
        // what one order costs to place over HTTP, and to fulfil (the saga's steps and the commands
        // they send): on a machine the drain keeps busy, the ratio of the two bounds S1
        System.out.printf(
                "    per order: placing over HTTP %s; fulfilling %s (%s)%n",
                placingCpu, Cpu.perOperation(draining, placed.size()), threads.perOperation(placed.size()));
        table.add(Row.rate(
                "S1",
                "orders confirmed/s by the saga (backlog of " + placed.size() + ") vs HTTP order rate",
                sagaRate,
                httpRate,
                "orders/s",
                1.0));
    }

    private static String order(int n) {
        int first = n % SKUS;
        int second = (n * 7 + 3) % SKUS;
        if (second == first) {
            second = (first + 1) % SKUS;
        }
        return Http.orderJson("customer-" + (n % 100), "SKU-" + first, "SKU-" + second);
    }
}
