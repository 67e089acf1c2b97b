package org.orderplatform.walkthrough;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * The platform's sandbox webhook inbox, the subscriber's side of step 11. It stands for a third
 * party's receiver, so it is not in the API document and the generated client has no call for
 * it: plain HTTP here.
 */
final class WebhookInbox {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String url;

    WebhookInbox(String baseUri, String name) {
        this.url = baseUri + "/sandbox/webhook-inbox/" + name;
    }

    String url() {
        return url;
    }

    /** Gives the inbox the subscription's signing secret, so it checks every signature. */
    void trust(String secret) throws IOException, InterruptedException {
        String body = JSON.createObjectNode().put("secret", secret).toString();
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(url + "/secret"))
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 204) {
            throw new IllegalStateException("The inbox refused the secret: " + response.statusCode());
        }
    }

    /** What arrived, newest first. */
    List<JsonNode> received() throws IOException, InterruptedException {
        HttpResponse<String> response =
                HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        List<JsonNode> all = new ArrayList<>();
        JSON.readTree(response.body()).forEach(all::add);
        return all;
    }
}
