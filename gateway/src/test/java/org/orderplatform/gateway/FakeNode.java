package org.orderplatform.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.orderplatform.cluster.ClusterSettings;
import org.orderplatform.cluster.Membership;
import org.orderplatform.cluster.NodeMetadata;

/**
 * A node as the gateway sees one: a real member of the gossip cluster announcing its HTTP
 * address, track and readiness, and a real HTTP server on loopback that answers every request
 * with its id (and notes it), or, while {@link #failing} is set, drops the connection without an
 * answer, as a node that dies mid-request.
 */
final class FakeNode implements AutoCloseable {

    static {
        // headers and body go out as two writes: without this, Nagle's algorithm and the
        // gateway's delayed ACK add 40 ms to every answer
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    static final String ADMIN_KEY = "admin-key";
    static final String OTHER_CUSTOMER = "other-customer-key";

    final String id;
    final List<String> seen = new CopyOnWriteArrayList<>();
    volatile boolean failing;
    private final HttpServer server;
    private final Membership membership;

    FakeNode(String id, String track, List<String> seeds) throws IOException {
        this.id = id;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/", this::answer);
        server.start();
        this.membership = new Membership(
                        ClusterSettings.loopback(seeds),
                        new NodeMetadata(
                                id,
                                "http://127.0.0.1:" + server.getAddress().getPort(),
                                track,
                                "test",
                                true,
                                List.of("api")))
                .start();
    }

    String gossipAddress() {
        return membership.gossipAddress();
    }

    void ready(boolean ready) {
        membership.updateMetadata(metadata -> metadata.withReady(ready));
    }

    private void answer(HttpExchange exchange) throws IOException {
        String tag = exchange.getRequestHeaders().getFirst("X-Test-Tag");
        seen.add(exchange.getRequestMethod() + " " + tag);
        exchange.getRequestBody().readAllBytes();
        if (exchange.getRequestURI().getPath().equals("/admin/cluster")) {
            // the admin-only read the gateway checks keys with
            boolean admin = ADMIN_KEY.equals(exchange.getRequestHeaders().getFirst("X-API-Key"));
            exchange.sendResponseHeaders(admin ? 200 : 401, -1);
            exchange.close();
            return;
        }
        if (exchange.getRequestURI().getPath().startsWith("/api/v1/orders/")
                && OTHER_CUSTOMER.equals(exchange.getRequestHeaders().getFirst("X-API-Key"))) {
            // what a node answers a key bound to another customer: not found, as if it did not exist
            byte[] problem = "{\"type\":\"/problems/order-not-found\",\"status\":404}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
            exchange.sendResponseHeaders(404, problem.length);
            exchange.getResponseBody().write(problem);
            exchange.close();
            return;
        }
        if (failing) {
            exchange.close(); // no status line: the connection just ends
            return;
        }
        byte[] body = id.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain");
        exchange.getResponseHeaders().set("X-Node", id);
        exchange.getResponseHeaders()
                .set(
                        "X-Seen-Correlation-Id",
                        String.valueOf(exchange.getRequestHeaders().getFirst("X-Correlation-Id")));
        exchange.getResponseHeaders()
                .set(
                        "X-Seen-Forwarded-For",
                        String.valueOf(exchange.getRequestHeaders().get("X-Forwarded-For")));
        exchange.getResponseHeaders()
                .set(
                        "X-Seen-Forwarded-Host",
                        String.valueOf(exchange.getRequestHeaders().getFirst("X-Forwarded-Host")));
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    long count(String method, String tag) {
        return seen.stream().filter((method + " " + tag)::equals).count();
    }

    @Override
    public void close() {
        membership.close();
        server.stop(0);
    }
}
