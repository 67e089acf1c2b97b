package org.orderplatform.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Outcomes are written in batches, one transaction each. A batch the database fails (here: a
 * trigger refuses this subscription's attempt rows for a while) is written again once it can be:
 * no delivery is lost, none is sent or logged twice.
 */
class WebhookOutcomeBatchIT extends PlatformIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    // No flow of this shared context refunds a payment: the subscription gets only its test events.
    private static final List<String> TEST_EVENTS_ONLY = List.of("payment.refunded");
    private static final int EVENTS = 20;

    private final WebhookReceiver receiver = new WebhookReceiver();
    private final List<String> created = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        jdbc.execute("DROP TRIGGER IF EXISTS outcome_batch_it_fails ON webhook_delivery_attempt");
        created.forEach(id ->
                api().method("DELETE", "/api/v1/webhook-subscriptions/" + id).send());
        receiver.close();
    }

    @Test
    void aBatchTheDatabaseFailsIsWrittenOnceItCanBeAndNoDeliveryIsSentOrLoggedTwice() {
        String subscription = subscribe("batch");
        failAttemptRowsOf(subscription);

        List<String> webhookIds = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            webhookIds.add(sendTest(subscription));
        }

        Awaitility.await()
                .atMost(PATIENCE)
                .until(() -> receiver.received("batch").size() >= EVENTS);
        assertThat(count(
                        "SELECT count(*) FROM webhook_delivery WHERE subscription_id = ?::uuid"
                                + " AND status = 'PENDING' AND lease_id IS NOT NULL",
                        subscription))
                .as("sent, but their outcomes are not written yet: still leased")
                .isEqualTo(EVENTS);

        jdbc.execute("DROP TRIGGER outcome_batch_it_fails ON webhook_delivery_attempt");

        Awaitility.await()
                .atMost(PATIENCE)
                .until(() -> count(
                                "SELECT count(*) FROM webhook_delivery WHERE subscription_id = ?::uuid"
                                        + " AND status = 'DELIVERED'",
                                subscription)
                        == EVENTS);
        assertThat(receiver.byWebhookId("batch"))
                .as("each sent once")
                .containsOnlyKeys(webhookIds)
                .allSatisfy((id, requests) -> assertThat(requests).hasSize(1));
        assertThat(jdbc.queryForList(
                        "SELECT a.attempt FROM webhook_delivery_attempt a JOIN webhook_delivery d ON d.id = a.delivery_id"
                                + " WHERE d.subscription_id = ?::uuid",
                        Integer.class,
                        subscription))
                .as("each attempt logged once")
                .hasSize(EVENTS)
                .containsOnly(1);
        assertThat(count(
                        "SELECT count(*) FROM webhook_delivery WHERE subscription_id = ?::uuid AND attempts = 1",
                        subscription))
                .isEqualTo(EVENTS);
    }

    /** Until dropped, every transaction that logs an attempt of this subscription fails. */
    private void failAttemptRowsOf(String subscription) {
        jdbc.execute("CREATE OR REPLACE FUNCTION outcome_batch_it_fail() RETURNS trigger LANGUAGE plpgsql AS $$"
                + " BEGIN IF EXISTS (SELECT 1 FROM webhook_delivery d WHERE d.id = NEW.delivery_id"
                + " AND d.subscription_id = '" + subscription + "') THEN RAISE EXCEPTION 'injected failure';"
                + " END IF; RETURN NEW; END $$");
        jdbc.execute("CREATE TRIGGER outcome_batch_it_fails BEFORE INSERT ON webhook_delivery_attempt"
                + " FOR EACH ROW EXECUTE FUNCTION outcome_batch_it_fail()");
    }

    private int count(String sql, String subscription) {
        return jdbc.queryForObject(sql, Integer.class, subscription);
    }

    private String subscribe(String path) {
        Api.Response response = api().post("/api/v1/webhook-subscriptions")
                .idempotencyKey()
                .json(Map.of("url", receiver.url(path), "eventTypes", TEST_EVENTS_ONLY))
                .send();
        assertThat(response.status()).isEqualTo(201);
        String id = response.json().get("id").asText();
        created.add(id);
        return id;
    }

    private String sendTest(String subscriptionId) {
        Api.Response response = api().post("/api/v1/webhook-subscriptions/" + subscriptionId + "/test")
                .idempotencyKey()
                .send();
        assertThat(response.status()).isEqualTo(202);
        return response.json().get("webhookId").asText();
    }
}
