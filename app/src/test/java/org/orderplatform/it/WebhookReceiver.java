package org.orderplatform.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A subscriber's endpoint on loopback: a real HTTP server that records every request and answers
 * what the test tells it to (a status, headers, a delay). It verifies signatures with its own HMAC
 * code, independent of the platform's.
 */
final class WebhookReceiver implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(32);
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Function<Received, Reply> replies = request -> Reply.status(204);

    WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    /** A URL on this receiver; the path tells subscriptions apart. */
    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + path;
    }

    void answer(Function<Received, Reply> replies) {
        this.replies = replies;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    List<Received> received(String path) {
        return received.stream().filter(r -> r.path().equals("/" + path)).toList();
    }

    /** Requests per webhook-id on a path. */
    Map<String, List<Received>> byWebhookId(String path) {
        return received(path).stream().collect(Collectors.groupingBy(Received::webhookId));
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        Received request = new Received(
                exchange.getRequestURI().getPath(),
                Instant.now(),
                exchange.getRequestHeaders().getFirst("webhook-id"),
                exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                exchange.getRequestHeaders().getFirst("webhook-signature"),
                exchange.getRequestHeaders().getFirst("Content-Type"),
                exchange.getRequestHeaders().getFirst("X-Correlation-Id"),
                new String(body, StandardCharsets.UTF_8),
                exchange.getRequestHeaders().getFirst("traceparent"));
        received.add(request);
        Reply reply = replies.apply(request);
        try {
            if (reply.delayMs() > 0) {
                Thread.sleep(reply.delayMs()); // simulates a slow endpoint, not test synchronisation
            }
            reply.headers()
                    .forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            exchange.sendResponseHeaders(reply.status(), -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException gone) {
            // the client gave up waiting: that is what a hang is for
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    record Reply(int status, Map<String, String> headers, long delayMs) {
        static Reply status(int status) {
            return new Reply(status, Map.of(), 0);
        }
    }

    record Received(
            String path,
            Instant at,
            String webhookId,
            String timestamp,
            String signature,
            String contentType,
            String correlationId,
            String body,
            String traceparent) {

        /** Which of the header's signatures (0-based, in header order) the secret produced, or -1. */
        int signedBy(String secret) {
            byte[] expected = hmac(secret, webhookId + "." + timestamp + "." + body);
            String[] signatures = signature.split(" ");
            for (int i = 0; i < signatures.length; i++) {
                String[] parts = signatures[i].split(",", 2);
                if (parts[0].equals("v1")
                        && MessageDigest.isEqual(expected, Base64.getDecoder().decode(parts[1]))) {
                    return i;
                }
            }
            return -1;
        }

        int signatureCount() {
            return signature == null ? 0 : signature.split(" ").length;
        }

        private static byte[] hmac(String secret, String content) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(
                        Base64.getDecoder().decode(secret.replaceFirst("^whsec_", "")), "HmacSHA256"));
                return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
