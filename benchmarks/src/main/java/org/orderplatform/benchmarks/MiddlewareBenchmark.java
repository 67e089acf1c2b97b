package org.orderplatform.benchmarks;

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
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the middleware pipeline costs: one trivial handler, mapped twice, called over HTTP from
 * {@code CONCURRENCY} threads. {@code /bench/ping} is outside {@code /api}, so only the correlation
 * id stage runs; {@code /api/bench/ping} passes every stage: correlation id, API-key
 * authentication (a PostgreSQL lookup), throttling (a token taken from a bucket row in
 * PostgreSQL), the intake bulkhead (GET is not counted) and idempotency (GET is not
 * concerned). Prints requests/s of both, the same number of requests each, and the ratio.
 *
 * <p>Run: {@code mvn -q package -DskipTests && java -jar benchmarks/target/benchmarks.jar middleware [requests]}
 * (default 20,000 per path, after 2,000 of warm-up).
 */
final class MiddlewareBenchmark {

    private static final int CONCURRENCY = 8;
    private static final String KEY = "benchmark";

    private MiddlewareBenchmark() {}

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        ConfigurableApplicationContext app = BenchmarkPlatform.start(
                "--orders.fulfilment.enabled=false",
                "--orders.admin.api-key=" + KEY,
                "--orders.throttling.plans.admin.limit=1000000000");
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
            run(client, bare, 2_000);
            run(client, piped, 2_000);
            double baseline = run(client, bare, requests);
            double pipeline = run(client, piped, requests);
            System.out.printf(
                    Locale.ROOT, "%-62s %,10.0f requests/s%n", "baseline: /bench/ping (correlation id only)", baseline);
            System.out.printf(
                    Locale.ROOT,
                    "%-62s %,10.0f requests/s  %.3fx of baseline%n%n",
                    "pipeline: /api/bench/ping (auth, throttling, bulkhead, ...)",
                    pipeline,
                    pipeline / baseline);
        } finally {
            app.close();
        }
        System.exit(0);
    }

    /** Requests/s for {@code count} GETs, spread over the threads. */
    private static double run(HttpClient client, String url, int count) throws Exception {
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
        return (count / CONCURRENCY * CONCURRENCY) / ((System.nanoTime() - start) / 1e9);
    }

    /** The trivial handler, under both paths (found by the application's component scan). */
    @RestController
    static class Ping {
        @GetMapping({"/bench/ping", "/api/bench/ping"})
        String ping() {
            return "{\"pong\":true}";
        }
    }
}
