package org.orderplatform.command.payment.provider.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A payment provider on loopback that answers what the test scripted, in order, then its
 * standing answer; it records every request it receives. A "hanging" answer holds the response
 * until the provider is closed, so a client's timeout is what ends the exchange, not a sleep.
 */
final class ScriptedProvider implements AutoCloseable {

    record Received(String method, String path, String idempotencyKey, String body) {}

    private record Answer(int status, String json, boolean hang) {}

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Queue<Answer> script = new ConcurrentLinkedQueue<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile Answer standing = new Answer(500, "", false);

    private ScriptedProvider() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    static ScriptedProvider start() {
        try {
            return new ScriptedProvider();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Answers the next request with this. */
    ScriptedProvider then(int status, String json) {
        script.add(new Answer(status, json, false));
        return this;
    }

    /** Holds the answer to the next request until the provider is closed. */
    ScriptedProvider thenHang() {
        script.add(new Answer(200, "", true));
        return this;
    }

    /** Answers every request after the scripted ones with this. */
    ScriptedProvider always(int status, String json) {
        standing = new Answer(status, json, false);
        return this;
    }

    ScriptedProvider alwaysHang() {
        standing = new Answer(200, "", true);
        return this;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        threads.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(),
                    exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                    body));
            Answer next = script.poll();
            Answer answer = next != null ? next : standing;
            if (answer.hang()) {
                closed.await(30, TimeUnit.SECONDS);
            }
            byte[] json = answer.json().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status(), json.length == 0 ? -1 : json.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(json);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
