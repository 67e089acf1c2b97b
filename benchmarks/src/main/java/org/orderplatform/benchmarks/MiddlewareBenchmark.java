package org.orderplatform.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the middleware pipeline costs: one trivial handler, mapped twice, called over HTTP from
 * {@code CONCURRENCY} threads. {@code /bench/ping} is outside {@code /api}, so only the correlation
 * id stage runs; {@code /api/bench/ping} passes every stage: correlation id, API-key
 * authentication (a key cached per node, else a PostgreSQL lookup), throttling (a token from the
 * node's copy of the key's bucket, else from its row in PostgreSQL), the intake bulkhead (GET is
 * not counted) and idempotency (GET is not concerned). Prints requests/s of both, the same number
 * of requests each (measured in alternating slices), the ratio, and what the pipeline asked of
 * PostgreSQL per request (from the server's counters).
 *
 * <p>Run: {@code mvn -q package -DskipTests && java -jar benchmarks/target/benchmarks.jar middleware [requests]}
 * (default 20,000 per path in 10 alternating slices, after 15,000 of warm-up each, in turns).
 */
final class MiddlewareBenchmark {

    static final int CONCURRENCY = 8;
    private static final int WARM_UP_ROUNDS = 3;
    private static final int WARM_UP_REQUESTS = 5_000;
    private static final int SLICES = 10;
    private static final String KEY = BenchmarkPlatform.KEY;

    private MiddlewareBenchmark() {}

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        measure(requests);
        System.exit(0);
    }

    /** M1 of {@code all}. */
    static void run(Sizes sizes, Table table) throws Exception {
        double[] rates = measure(sizes.middlewareRequests());
        table.add(Row.rate("M1", "middleware pipeline, trivial handler (GET)", rates[0], rates[1], "req/s", 0.9));
    }

    /** Returns {pipeline, baseline} in requests/s. */
    private static double[] measure(int requests) throws Exception {
        // at small sizes (the smoke run) a warm-up as long as the measurement
        int warmUp = Math.min(WARM_UP_REQUESTS, Math.max(requests / WARM_UP_ROUNDS, CONCURRENCY));
        // the benchmark's admin key, with a limit it never reaches, comes with every BenchmarkPlatform
        ConfigurableApplicationContext app = BenchmarkPlatform.start("--orders.fulfilment.enabled=false");
        try {
            int port = BenchmarkPlatform.port(app);
            HttpClient client = HttpClient.newBuilder()
                    .executor(Executors.newFixedThreadPool(CONCURRENCY))
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            String bare = "http://localhost:" + port + "/bench/ping";
            String piped = "http://localhost:" + port + "/api/bench/ping";
            System.out.printf(
                    Locale.ROOT,
                    "%nMiddleware benchmark: %,d GETs per path, %d concurrent; %d cores, Java %s%n",
                    requests,
                    CONCURRENCY,
                    Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"));
            // warm-up: both paths in turn, until the JIT has compiled both (2,000 each was far from
            // enough: a baseline run after the pipeline's was up to three times the first one)
            for (int round = 0; round < WARM_UP_ROUNDS; round++) {
                seconds(client, bare, warmUp);
                seconds(client, piped, warmUp);
            }
            // counters settled before the measurement (the baseline reads neither table)
            TableTraffic before = TableTraffic.settled(app);
            // both paths measured in alternating slices, the rate of each from its slices' total
            // time: on a shared machine whose load comes and goes (and a JIT still at work), one
            // run after the other compares two different machines
            int slice = requests / SLICES;
            double bareSeconds = 0;
            double pipedSeconds = 0;
            long bareCpu = 0;
            long pipedCpu = 0;
            for (int i = 0; i < SLICES; i++) {
                long cpu = processCpuNanos();
                bareSeconds += seconds(client, bare, slice);
                long between = processCpuNanos();
                pipedSeconds += seconds(client, piped, slice);
                bareCpu += between - cpu;
                pipedCpu += processCpuNanos() - between;
            }
            double measured = slice / CONCURRENCY * CONCURRENCY * SLICES;
            double baseline = measured / bareSeconds;
            double pipeline = measured / pipedSeconds;
            TableTraffic traffic = TableTraffic.settled(app).minus(before);
            System.out.printf(
                    Locale.ROOT, "%-62s %,10.0f requests/s%n", "baseline: /bench/ping (correlation id only)", baseline);
            System.out.printf(
                    Locale.ROOT,
                    "%-62s %,10.0f requests/s  %.3fx of baseline%n",
                    "pipeline: /api/bench/ping (auth, throttling, bulkhead, ...)",
                    pipeline,
                    pipeline / baseline);
            // CPU of this process (server and client) per request: what each path costs, whatever
            // else the machine runs; the pipeline's waits on PostgreSQL do not show in it
            System.out.printf(
                    Locale.ROOT,
                    "CPU per request (this process, client included): baseline %.0f us, pipeline %.0f us%n",
                    bareCpu / measured / 1e3,
                    pipedCpu / measured / 1e3);
            System.out.printf(
                    Locale.ROOT,
                    "PostgreSQL per pipeline request: %.3f api_key reads, %.3f rate_limit_bucket reads,"
                            + " %.3f rate_limit_bucket writes%n%n",
                    traffic.keyReads() / measured,
                    traffic.bucketReads() / measured,
                    traffic.bucketWrites() / measured);
            return new double[] {pipeline, baseline};
        } finally {
            app.close();
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Seconds taken by {@code count} GETs (rounded down to a multiple of the threads), spread over the threads. */
    static double seconds(HttpClient client, String url, int count) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(CONCURRENCY);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("X-API-Key", KEY)
                .GET()
                .build();
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < CONCURRENCY; t++) {
            int share = count / CONCURRENCY;
            workers.add(threads.submit(() -> {
                for (int i = 0; i < share; i++) {
                    HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException(url + " answered " + response.statusCode());
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        threads.shutdown();
        return (System.nanoTime() - start) / 1e9;
    }

    /** The trivial handler, under both paths (found by the application's component scan). */
    @RestController
    static class Ping {
        @GetMapping({"/bench/ping", "/api/bench/ping"})
        String ping() {
            return "{\"pong\":true}";
        }
    }

    /**
     * What the middleware asked of PostgreSQL, from the server's own counters
     * ({@code pg_stat_user_tables}): reads of {@code api_key} (key lookups), and reads and writes of
     * {@code rate_limit_bucket} (Bucket4j's {@code SELECT ... FOR UPDATE} and {@code UPDATE}).
     *
     * @param keyReads scans of api_key
     * @param bucketReads scans of rate_limit_bucket (the locking select, and the update's own scan)
     * @param bucketWrites rows of rate_limit_bucket updated
     */
    record TableTraffic(long keyReads, long bucketReads, long bucketWrites) {

        private static final String QUERY = "SELECT"
                + " coalesce(sum(seq_scan + coalesce(idx_scan, 0)) FILTER (WHERE relname = 'api_key'), 0),"
                + " coalesce(sum(seq_scan + coalesce(idx_scan, 0)) FILTER (WHERE relname = 'rate_limit_bucket'), 0),"
                + " coalesce(sum(n_tup_upd) FILTER (WHERE relname = 'rate_limit_bucket'), 0)"
                + " FROM pg_stat_user_tables";

        /**
         * The counters once every server process has published its share. A busy process publishes at
         * most once a second and an idle one only after a while, but every process publishes when it
         * ends: so the pool's idle connections are closed first, then the counters read until steady.
         */
        static TableTraffic settled(ConfigurableApplicationContext app) throws InterruptedException {
            DataSource dataSource = app.getBean(DataSource.class);
            if (dataSource instanceof HikariDataSource hikari && hikari.getHikariPoolMXBean() != null) {
                hikari.getHikariPoolMXBean().softEvictConnections();
            }
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            TableTraffic last = read(jdbc);
            for (int i = 0; i < 20; i++) {
                Thread.sleep(1_000);
                TableTraffic now = read(jdbc);
                if (now.equals(last)) {
                    return now;
                }
                last = now;
            }
            return last;
        }

        TableTraffic minus(TableTraffic earlier) {
            return new TableTraffic(
                    keyReads - earlier.keyReads,
                    bucketReads - earlier.bucketReads,
                    bucketWrites - earlier.bucketWrites);
        }

        private static TableTraffic read(JdbcTemplate jdbc) {
            return jdbc.queryForObject(QUERY, (rs, i) -> new TableTraffic(rs.getLong(1), rs.getLong(2), rs.getLong(3)));
        }
    }
}
