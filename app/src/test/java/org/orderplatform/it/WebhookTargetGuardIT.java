package org.orderplatform.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.orderplatform.OrderPlatformApplication;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

/**
 * The SSRF guard as deployed (private targets not allowed): loopback, private and link-local
 * targets are refused when a subscription is made, and again when a delivery is sent. These
 * tests only check refusals; nothing here sends to an address outside loopback.
 */
@SpringBootTest(
        classes = OrderPlatformApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "orders.embedded.ephemeral=true",
            "orders.admin.api-key=" + PlatformIT.ADMIN_KEY,
            "orders.fulfilment.enabled=false",
            "orders.webhooks.allow-private-targets=false",
            "orders.webhooks.require-https=true",
            // for the endpoint that keeps failing: a breaker that opens and half-opens quickly,
            // and a subscription disabled after 2 s without a success
            "orders.webhooks.dispatcher.poll-interval=50ms",
            "orders.webhooks.endpoint.breaker-open-for=300ms",
            "orders.webhooks.endpoint.disable-after=2s"
        })
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
class WebhookTargetGuardIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void refusesPrivateTargetsAtRegistration() {
        for (String url : List.of(
                "http://127.0.0.1/hooks",
                "http://[::1]/hooks",
                "http://10.0.0.1/hooks",
                "https://192.168.1.20/hooks",
                "https://169.254.169.254/latest/meta-data",
                "https://[fd00::1]/hooks",
                "https://localhost:8443/hooks")) {
            Api.Response response = api().post("/api/v1/webhook-subscriptions")
                    .idempotencyKey()
                    .json(Map.of("url", url))
                    .send();

            assertThat(response.status()).as(url).isEqualTo(400);
            assertThat(response.problemType()).isEqualTo("webhook-subscription-invalid");
            assertThat(response.json().at("/errors/0/field").asText()).isEqualTo("url");
            assertThat(response.json().at("/errors/0/message").asText()).as(url).contains("private");
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM webhook_subscription", Integer.class))
                .isZero();
    }

    @Test
    void refusesPlainHttpToAPublicAddress() {
        // an IP literal: checked without any DNS lookup, and nothing is ever sent to it
        Api.Response response = api().post("/api/v1/webhook-subscriptions")
                .idempotencyKey()
                .json(Map.of("url", "http://203.0.113.10/hooks"))
                .send();

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().at("/errors/0/message").asText()).contains("https");
    }

    @Test
    void refusesAPrivateTargetAgainWhenDelivering() {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            UUID id = insertSubscription(receiver.url("rebound"));

            Api.Response test = api().post("/api/v1/webhook-subscriptions/" + id + "/test")
                    .idempotencyKey()
                    .send();
            assertThat(test.status()).isEqualTo(202);
            String webhookId = test.json().get("webhookId").asText();

            Awaitility.await()
                    .until(() -> !jdbc.queryForList(
                                    "SELECT a.error FROM webhook_delivery_attempt a JOIN webhook_delivery d"
                                            + " ON d.id = a.delivery_id WHERE d.event_id = ?",
                                    String.class,
                                    webhookId)
                            .isEmpty());
            String error = jdbc.queryForObject(
                    "SELECT a.error FROM webhook_delivery_attempt a JOIN webhook_delivery d ON d.id = a.delivery_id"
                            + " WHERE d.event_id = ? AND a.attempt = 1",
                    String.class,
                    webhookId);
            assertThat(error).startsWith("target refused").contains("private");
            assertThat(receiver.received()).isEmpty();
            jdbc.update("DELETE FROM webhook_subscription WHERE id = ?", id);
        }
    }

    @Test
    void anEndpointThatKeepsFailingIsHeldBackByItsBreakerThenDisabled() {
        // every attempt fails (the guard refuses the loopback address): an endpoint that is down
        UUID id = insertSubscription("http://127.0.0.1:9/down");
        double heldBefore = held();

        // more deliveries due at once than the breaker's minimum of calls (10) and the endpoint's
        // concurrency (4) together: it opens with some of them still to go (they are held, not
        // attempted), however slowly the machine runs
        jdbc.update(
                "INSERT INTO webhook_delivery (id, subscription_id, event_id, event_type, payload, status,"
                        + " next_attempt_at, created_at) SELECT gen_random_uuid(), ?, gen_random_uuid()::text,"
                        + " 'webhook.test', '{}', 'PENDING', now(), now() FROM generate_series(1, 20)",
                id);
        // then one test event after another, until the endpoint has failed for the 2 s it is given
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    api().post("/api/v1/webhook-subscriptions/" + id + "/test")
                            .idempotencyKey()
                            .send();
                    return api().get("/api/v1/webhook-subscriptions/" + id)
                            .send()
                            .json()
                            .get("status")
                            .asText()
                            .equals("DISABLED");
                });

        JsonNode subscription =
                api().get("/api/v1/webhook-subscriptions/" + id).send().json();
        assertThat(subscription.get("disabledReason").asText()).startsWith("failed without a success since");
        // the breaker held deliveries back (while it let one trial through) instead of spending their attempts
        assertThat(held()).isGreaterThan(heldBefore);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM webhook_delivery WHERE subscription_id = ? AND status = 'PENDING'",
                        Integer.class,
                        id))
                .as("deliveries of a disabled subscription wait for it to be resumed")
                .isPositive();
        jdbc.update("DELETE FROM webhook_subscription WHERE id = ?", id);
    }

    private double held() {
        JsonNode metric = api().get("/actuator/metrics/orders.webhooks.deliveries?tag=outcome:held")
                .send()
                .json();
        return metric.has("measurements") ? metric.at("/measurements/0/value").asDouble() : 0;
    }

    /** A subscription as registration would refuse it now (say, its DNS answer changed since). */
    private UUID insertSubscription(String url) {
        UUID id = UUID.randomUUID();
        jdbc.update(
                "INSERT INTO webhook_subscription (id, url, event_types, status, created_at, updated_at)"
                        + " VALUES (?, ?, '{}', 'ACTIVE', now(), now())",
                id,
                url);
        jdbc.update(
                "INSERT INTO webhook_secret (subscription_id, secret, created_at) VALUES (?, ?, now())",
                id,
                "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        return id;
    }

    private Api api() {
        return new Api(port);
    }
}
