package org.orderplatform.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The subscriptions API over HTTP: its answers, its pages, and its refusals of bad input. */
class WebhookSubscriptionApiIT extends PlatformIT {

    private final List<String> created = new ArrayList<>();

    @AfterEach
    void deleteSubscriptions() {
        created.forEach(id ->
                api().method("DELETE", "/api/v1/webhook-subscriptions/" + id).send());
    }

    @Test
    void createsASubscriptionAndShowsItsSecretOnlyOnce() {
        Api.Response response = api().post("/api/v1/webhook-subscriptions")
                .idempotencyKey()
                .json(Map.of(
                        "url", "http://127.0.0.1:9/hooks",
                        "eventTypes", List.of("order.placed", "order.cancelled"),
                        "description", "fulfilment"))
                .send();

        assertThat(response.status()).isEqualTo(201);
        JsonNode body = response.json();
        String id = remember(body);
        assertThat(response.header("Location")).endsWith("/api/v1/webhook-subscriptions/" + id);
        assertThat(body.get("secret").asText()).matches("whsec_[A-Za-z0-9+/]{43}=");
        assertThat(body.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(body.get("eventTypes"))
                .extracting(JsonNode::asText)
                .containsExactly("order.placed", "order.cancelled");

        JsonNode fetched =
                api().get("/api/v1/webhook-subscriptions/" + id).send().json();
        assertThat(fetched.get("url").asText()).isEqualTo("http://127.0.0.1:9/hooks");
        assertThat(fetched.has("secret")).isFalse();
    }

    @Test
    void updatesPausesResumesRotatesAndDeletes() {
        String id = create("http://127.0.0.1:9/a", List.of());

        JsonNode updated = api().method("PATCH", "/api/v1/webhook-subscriptions/" + id)
                .idempotencyKey()
                .json(Map.of("eventTypes", List.of("order.shipped"), "description", "changed"))
                .send()
                .json();
        assertThat(updated.get("url").asText()).isEqualTo("http://127.0.0.1:9/a");
        assertThat(updated.get("eventTypes")).extracting(JsonNode::asText).containsExactly("order.shipped");
        assertThat(updated.get("description").asText()).isEqualTo("changed");

        assertThat(post(id, "/pause").json().get("status").asText()).isEqualTo("PAUSED");
        assertThat(post(id, "/resume").json().get("status").asText()).isEqualTo("ACTIVE");

        JsonNode rotated = post(id, "/secret/rotate").json();
        assertThat(rotated.get("secret").asText()).startsWith("whsec_");
        assertThat(rotated.get("previousSecretExpiresAt").asText()).isNotBlank();
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM webhook_secret WHERE subscription_id = ?::uuid", Integer.class, id))
                .isEqualTo(2);

        assertThat(api().method("DELETE", "/api/v1/webhook-subscriptions/" + id)
                        .send()
                        .status())
                .isEqualTo(204);
        Api.Response gone = api().get("/api/v1/webhook-subscriptions/" + id).send();
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.problemType()).isEqualTo("webhook-subscription-not-found");
    }

    @Test
    void listsSubscriptionsInKeysetPages() {
        List<String> mine = List.of(
                create("http://127.0.0.1:9/p1", List.of()),
                create("http://127.0.0.1:9/p2", List.of()),
                create("http://127.0.0.1:9/p3", List.of()));

        List<String> listed = new ArrayList<>();
        String path = "/api/v1/webhook-subscriptions?limit=2";
        int pages = 0;
        while (path != null) {
            Api.Response page = api().get(path).send();
            assertThat(page.status()).isEqualTo(200);
            page.json().get("items").forEach(item -> listed.add(item.get("id").asText()));
            JsonNode next = page.json().at("/links/next");
            if (!next.isNull()) {
                assertThat(page.header("Link")).contains("rel=\"next\"");
            }
            path = next.isNull() ? null : next.asText().replace("http://localhost:" + port, "");
            pages++;
        }
        assertThat(listed).containsSubsequence(mine).doesNotHaveDuplicates();
        assertThat(pages).isGreaterThanOrEqualTo(2);
    }

    @Test
    void refusesBadSubscriptionsNamingEachField() {
        Api.Response response = api().post("/api/v1/webhook-subscriptions")
                .idempotencyKey()
                .json(Map.of(
                        "url", "ftp://example.com/hooks",
                        "eventTypes", List.of("order.placed", "order.exploded"),
                        "description", "x".repeat(501)))
                .send();

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.problemType()).isEqualTo("webhook-subscription-invalid");
        assertThat(response.json().get("errors"))
                .extracting(error -> error.get("field").asText())
                .containsExactlyInAnyOrder("url", "eventTypes[1]", "description");
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM webhook_subscription WHERE url = 'ftp://example.com/hooks'",
                        Integer.class))
                .isZero();
    }

    @Test
    void aNullEventTypeIsAFieldErrorNotAFailure() {
        Api.Response response = api().post("/api/v1/webhook-subscriptions")
                .idempotencyKey()
                .json("{\"url\":\"https://example.com/hooks\",\"eventTypes\":[\"order.placed\",null]}")
                .send();

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors"))
                .extracting(error -> error.get("field").asText())
                .contains("eventTypes[1]");
    }

    @Test
    void refusesMissingAndMalformedUrls() {
        for (String url : new String[] {null, "not a url", "/relative/path", "http://user:pw@127.0.0.1/x"}) {
            Map<String, Object> body = new java.util.HashMap<>();
            body.put("url", url);
            Api.Response response = api().post("/api/v1/webhook-subscriptions")
                    .idempotencyKey()
                    .json(body)
                    .send();
            assertThat(response.status()).as(String.valueOf(url)).isEqualTo(400);
            assertThat(response.json().at("/errors/0/field").asText()).isEqualTo("url");
        }
    }

    @Test
    void refusesBadPagesAndUnknownIds() {
        assertThat(api().get("/api/v1/webhook-subscriptions?limit=0").send().problemType())
                .isEqualTo("invalid-query");
        assertThat(api().get("/api/v1/webhook-subscriptions?cursor=garbage")
                        .send()
                        .problemType())
                .isEqualTo("invalid-query");
        String unknown = "/api/v1/webhook-subscriptions/00000000-0000-0000-0000-000000000000";
        assertThat(api().get(unknown).send().status()).isEqualTo(404);
        assertThat(api().post(unknown + "/pause").idempotencyKey().send().status())
                .isEqualTo(404);
        assertThat(api().get(unknown + "/deliveries").send().status()).isEqualTo(404);
        assertThat(api().get("/api/v1/webhook-subscriptions/not-a-uuid").send().status())
                .isEqualTo(400);
    }

    @Test
    void creatingNeedsAnIdempotencyKey() {
        Api.Response response = api().post("/api/v1/webhook-subscriptions")
                .json(Map.of("url", "http://127.0.0.1:9/k"))
                .send();

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.problemType()).isEqualTo("idempotency-key-missing");
    }

    private String create(String url, List<String> types) {
        Api.Response response = api().post("/api/v1/webhook-subscriptions")
                .idempotencyKey()
                .json(Map.of("url", url, "eventTypes", types))
                .send();
        assertThat(response.status()).isEqualTo(201);
        return remember(response.json());
    }

    private Api.Response post(String id, String action) {
        Api.Response response = api().post("/api/v1/webhook-subscriptions/" + id + action)
                .idempotencyKey()
                .send();
        assertThat(response.status()).as(action).isEqualTo(200);
        return response;
    }

    private String remember(JsonNode subscription) {
        String id = subscription.get("id").asText();
        created.add(id);
        return id;
    }
}
