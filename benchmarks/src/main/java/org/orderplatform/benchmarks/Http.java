package org.orderplatform.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;

/** The benchmarks' HTTP client for one platform: its API key, JSON, an Idempotency-Key per POST. */
final class Http {

    private final HttpClient client;
    private final String base;

    Http(int port, int threads) {
        this.client = HttpClient.newBuilder()
                .executor(Executors.newFixedThreadPool(Math.max(2, threads)))
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        this.base = "http://localhost:" + port;
    }

    HttpResponse<String> post(String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("X-API-Key", BenchmarkPlatform.KEY)
                .header("Idempotency-Key", UUID.randomUUID().toString());
        if (json == null) {
            request.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("X-API-Key", BenchmarkPlatform.KEY)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** POSTs and insists on {@code status}. */
    String expect(int status, String path, String json) throws Exception {
        HttpResponse<String> response = post(path, json);
        if (response.statusCode() != status) {
            throw new IllegalStateException(
                    "POST " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    static String orderJson(String customerId, String sku1, String sku2) {
        return "{\"customerId\":\"" + customerId + "\",\"currency\":\"EUR\",\"paymentToken\":\"tok_visa\","
                + "\"lines\":[{\"sku\":\"" + sku1 + "\",\"quantity\":1,\"unitPriceMinor\":8999},"
                + "{\"sku\":\"" + sku2 + "\",\"quantity\":2,\"unitPriceMinor\":1299}],"
                + "\"shippingAddress\":{\"recipient\":\"Ada Lovelace\",\"line1\":\"Unter den Linden 1\","
                + "\"city\":\"Berlin\",\"postalCode\":\"10117\",\"country\":\"DE\"}}";
    }

    static String orderIdOf(String body) {
        return body.replaceAll(".*\"orderId\":\"([^\"]+)\".*", "$1");
    }
}
