package org.orderplatform.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** HTTP to the nodes with the suite's admin key; an answer that never came is a status of 0. */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ADMIN_KEY = "chaos-suite-admin-key";

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private Http() {}

    record Answer(int status, Map<String, java.util.List<String>> headers, String body) {

        static final Answer NONE = new Answer(0, Map.of(), "");

        boolean ok() {
            return status >= 200 && status < 300;
        }

        /** No answer, or one that says "try again": the same request may be sent again. */
        boolean retryable() {
            return status == 0
                    || status == 429
                    || status >= 500
                    // the key's first attempt is still running (on a node that may have died)
                    || (status == 409 && body.contains("idempotency-key-in-flight"));
        }

        String header(String name) {
            return headers.entrySet().stream()
                    .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .flatMap(entry -> entry.getValue().stream())
                    .findFirst()
                    .orElse(null);
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("Not JSON (" + status + "): " + body, e);
            }
        }
    }

    static Answer send(String method, String url, String body, Map<String, String> headers, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(timeout)
                .header("X-API-Key", ADMIN_KEY)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            return Answer.NONE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Answer.NONE;
        }
    }

    static Answer get(String url) {
        return send("GET", url, null, Map.of(), Duration.ofSeconds(10));
    }
}
