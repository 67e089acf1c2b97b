package org.orderplatform.command.payment.provider.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * One HTTP exchange with the provider, no retries: POSTs JSON with the {@code Idempotency-Key}
 * and answers the provider's final reply, or throws {@link TransientProviderFailure} for anything
 * worth another try (no connection, no answer in time, 5xx, 429).
 */
class ProviderHttpClient {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    // A reply is a few fields; anything bigger is not one we could use, so reading stops there.
    private static final int MAX_BODY_BYTES = 64 * 1024;
    // The provider's JSON is read with a mapper of our own: the HTTP API's strict settings are not its rules.
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final RestClient rest;
    private final Supplier<String> baseUrl;

    ProviderHttpClient(RestClient.Builder builder, Supplier<String> baseUrl, Duration timeout) {
        // HTTP/1.1: the JDK client would otherwise try an h2c upgrade on every plain-http request
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
        requests.setReadTimeout(timeout);
        this.rest = builder.requestFactory(requests).build();
        this.baseUrl = baseUrl;
    }

    /** POSTs {@code body} (may be {@code null}) to the provider's {@code pathTemplate}, expanded with {@code variables}. */
    ProviderReply post(String idempotencyKey, Object body, String pathTemplate, Object... variables) {
        RestClient.RequestBodySpec request = rest.post()
                .uri(baseUrl.get() + pathTemplate, variables)
                .header(IDEMPOTENCY_KEY, idempotencyKey)
                .accept(MediaType.APPLICATION_JSON);
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        ProviderReply reply;
        try {
            reply = request.exchange((req, response) ->
                    new ProviderReply(response.getStatusCode().value(), read(response.getBody())));
        } catch (ResourceAccessException e) {
            if (timedOut(e)) {
                throw new TransientProviderFailure("provider_timeout", true, e);
            }
            // refused: the request never left; anything else may have broken after it was sent
            boolean refused = causedBy(e, ConnectException.class);
            throw new TransientProviderFailure("provider_unreachable", !refused, e);
        }
        // 429 and 503 say the provider did not take the request; another 5xx may come after it did
        if (reply.status() == 429) {
            throw new TransientProviderFailure("provider_throttled");
        }
        if (reply.status() == 503) {
            throw new TransientProviderFailure("provider_unavailable");
        }
        if (reply.status() >= 500) {
            throw new TransientProviderFailure("provider_error", true, null);
        }
        return reply;
    }

    /** The body as JSON; an empty object when it is empty or not JSON (its status still counts). */
    private static JsonNode read(InputStream body) throws IOException {
        byte[] bytes = body.readNBytes(MAX_BODY_BYTES);
        if (bytes.length == 0) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode json = JSON.readTree(bytes);
            return json != null && json.isObject() ? json : JSON.createObjectNode();
        } catch (IOException notJson) {
            return JSON.createObjectNode();
        }
    }

    private static boolean timedOut(Throwable failure) {
        return causedBy(failure, HttpTimeoutException.class) || causedBy(failure, SocketTimeoutException.class);
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
