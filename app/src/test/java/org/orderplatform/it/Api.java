package org.orderplatform.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A plain HTTP client for the platform under test: real requests over loopback, no Spring in between. */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;
    private final String key;

    /** A client with the tests' bootstrap key, which has every scope. */
    Api(int port) {
        this(port, PlatformIT.ADMIN_KEY);
    }

    /** A client with this API key (null: none). */
    Api(int port, String key) {
        this.base = "http://localhost:" + port;
        this.key = key;
    }

    /** A client that sends no API key. */
    static Api anonymous(int port) {
        return new Api(port, null);
    }

    Request post(String path) {
        return new Request("POST", path);
    }

    Request put(String path) {
        return new Request("PUT", path);
    }

    Request get(String path) {
        return new Request("GET", path);
    }

    Request method(String method, String path) {
        return new Request(method, path);
    }

    /** Places a valid order with a fresh key and answers its id. */
    String placeOrder() {
        return placeOrder(OrderJson.valid()).json().get("orderId").asText();
    }

    /** Places this order with a fresh key; fails unless it is accepted. */
    Response placeOrder(Object order) {
        Response response = post("/api/v1/orders").idempotencyKey().json(order).send();
        if (response.status() != 201) {
            throw new IllegalStateException("Could not place an order: " + response);
        }
        return response;
    }

    /** A GET that waits for the read model to include the write behind {@code write}'s token. */
    Request read(String path, Response write) {
        return get(path).header("X-Consistency-Token", write.header("X-Consistency-Token"));
    }

    Request admin(String method, String path) {
        return new Request(method, path);
    }

    final class Request {
        private final String method;
        private final String path;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();
        private String text;
        private Duration timeout = Duration.ofSeconds(30);

        private Request(String method, String path) {
            this.method = method;
            this.path = path;
            if (key != null) {
                headers.put("X-API-Key", key);
            }
        }

        Request header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        Request idempotencyKey() {
            return header("Idempotency-Key", UUID.randomUUID().toString());
        }

        Request idempotencyKey(String key) {
            return header("Idempotency-Key", key);
        }

        Request ifMatch(String etag) {
            return header("If-Match", etag);
        }

        Request json(Object value) {
            try {
                return json(value instanceof String s ? s : JSON.writeValueAsString(value));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        Request json(String raw) {
            headers.putIfAbsent("Content-Type", "application/json");
            body = HttpRequest.BodyPublishers.ofString(raw);
            text = raw;
            return this;
        }

        Request body(HttpRequest.BodyPublisher publisher) {
            body = publisher;
            text = null;
            return this;
        }

        String method() {
            return method;
        }

        String path() {
            return path;
        }

        Map<String, String> headers() {
            return Map.copyOf(headers);
        }

        /** The body as sent, if it was given as text (null for none, or for a publisher). */
        String text() {
            return text;
        }

        /** How long to wait for the answer (30 s unless said). */
        Request within(Duration patience) {
            timeout = patience;
            return this;
        }

        Response send() {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(timeout)
                    .method(method, body);
            headers.forEach(builder::header);
            try {
                HttpResponse<String> response = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
                return new Response(response.statusCode(), response.headers().map(), response.body());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    record Response(int status, Map<String, List<String>> headers, String body) {

        /** The body's consistency token, for the next read. */
        long consistencyToken() {
            return json().get("consistencyToken").asLong();
        }

        String header(String name) {
            return headers.entrySet().stream()
                    .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> entry.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("Not JSON: " + body, e);
            }
        }

        /** The problem's {@code type} slug, after checking the response is a problem document. */
        String problemType() {
            if (!"application/problem+json".equals(header("Content-Type"))) {
                throw new AssertionError("Not a problem response: " + this);
            }
            return json().get("type").asText().replace("/problems/", "");
        }
    }
}
