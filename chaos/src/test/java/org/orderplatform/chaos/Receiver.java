package org.orderplatform.chaos;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The webhook subscribers' endpoints: a real HTTP server on loopback. Each path is one
 * subscription's endpoint; it counts what arrives per {@code webhook-id} (the event id), and can be
 * made to fail (503) or to hang (no answer until the fault is healed, past the dispatcher's timeout).
 */
final class Receiver implements AutoCloseable {

    enum Mode {
        ANSWER,
        FAIL,
        HANG
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(64);
    private final Map<String, Map<String, AtomicInteger>> received = new ConcurrentHashMap<>();
    private final Map<String, Mode> modes = new ConcurrentHashMap<>();
    private volatile CountDownLatch hanging = new CountDownLatch(1);
    private final java.util.concurrent.atomic.AtomicLong refusals = new java.util.concurrent.atomic.AtomicLong();

    Receiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + path;
    }

    void mode(String path, Mode mode) {
        if (mode != Mode.HANG) {
            hanging.countDown(); // whatever hangs is answered now
            hanging = new CountDownLatch(1);
        }
        modes.put(path, mode);
    }

    /** The event ids that reached this path with a 2xx answer, with how many times each did. */
    Map<String, AtomicInteger> accepted(String path) {
        return received.getOrDefault(path, Map.of());
    }

    /** Requests answered 503 or held (a hung one counts once it came in). */
    long refusals() {
        return refusals.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath().substring(1);
            String eventId = exchange.getRequestHeaders().getFirst("webhook-id");
            Mode mode = modes.getOrDefault(path, Mode.ANSWER);
            if (mode != Mode.ANSWER) {
                refusals.incrementAndGet();
            }
            if (mode == Mode.HANG) {
                try {
                    // held until the scenario heals it: the dispatcher gives up first (its timeout)
                    hanging.await(5, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            if (mode == Mode.FAIL) {
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            received.computeIfAbsent(path, key -> new ConcurrentHashMap<>())
                    .computeIfAbsent(String.valueOf(eventId), key -> new AtomicInteger())
                    .incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
        }
    }

    @Override
    public void close() {
        hanging.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
