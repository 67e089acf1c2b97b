package org.orderplatform.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.orderplatform.web.idempotency.IdempotencyCleanupJob;
import org.springframework.beans.factory.annotation.Autowired;

/** Idempotency-Key as the IETF draft describes it, through real HTTP and PostgreSQL. */
class IdempotencyIT extends PlatformIT {

    @Autowired
    IdempotencyCleanupJob cleanupJob;

    @Test
    void aPostWithoutKeyIs400AndRunsNothing() {
        int before = eventCount();

        Api.Response response =
                api().post("/api/v1/orders").json(OrderJson.valid()).send();

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.problemType()).isEqualTo("idempotency-key-missing");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void aMalformedKeyIs400() {
        Api.Response response = api().post("/api/v1/orders")
                .idempotencyKey("\"unterminated")
                .json(OrderJson.valid())
                .send();

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.problemType()).isEqualTo("idempotency-key-invalid");
    }

    @Test
    void aRetryReplaysTheFirstResponseAndPlacesNoSecondOrder() {
        String key = UUID.randomUUID().toString();
        int before = eventCount();

        Api.Response first = api().post("/api/v1/orders")
                .idempotencyKey(key)
                .json(OrderJson.valid())
                .send();
        Api.Response retry = api().post("/api/v1/orders")
                .idempotencyKey(key)
                .json(OrderJson.valid())
                .send();

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(retry.header("ETag")).isEqualTo(first.header("ETag"));
        assertThat(retry.header("Content-Type")).isEqualTo(first.header("Content-Type"));
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(eventCount()).isEqualTo(before + 1);
    }

    @Test
    void theSameJsonWithOtherKeyOrderAndSpacingIsTheSameRequest() {
        String key = UUID.randomUUID().toString();
        String compact = OrderJson.valid().toString();
        String reordered = "{ \"shippingAddress\": " + OrderJson.berlin() + ",\n  \"lines\": "
                + OrderJson.valid().get("lines")
                + ", \"paymentToken\": \"tok_visa\", \"currency\": \"EUR\", \"customerId\": \"customer-42\" }";

        Api.Response first =
                api().post("/api/v1/orders").idempotencyKey(key).json(compact).send();
        Api.Response retry =
                api().post("/api/v1/orders").idempotencyKey(key).json(reordered).send();

        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.body()).isEqualTo(first.body());
    }

    @Test
    void theSameKeyWithADifferentBodyIs422() {
        String key = UUID.randomUUID().toString();
        api().post("/api/v1/orders").idempotencyKey(key).json(OrderJson.valid()).send();
        int before = eventCount();

        Api.Response other = api().post("/api/v1/orders")
                .idempotencyKey(key)
                .json(OrderJson.valid().put("currency", "USD"))
                .send();

        assertThat(other.status()).isEqualTo(422);
        assertThat(other.problemType()).isEqualTo("idempotency-key-reused");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void theSameKeyOnAnotherPathIs422() {
        String key = UUID.randomUUID().toString();
        String orderId = api().placeOrder();
        api().post("/api/v1/orders/" + orderId + "/cancellation")
                .idempotencyKey(key)
                .ifMatch("\"0\"")
                .send();

        Api.Response other = api().post("/api/v1/orders").idempotencyKey(key).send();

        assertThat(other.status()).isEqualTo(422);
        assertThat(other.problemType()).isEqualTo("idempotency-key-reused");
    }

    @Test
    void keysAreSeparatePerRequestNotShared() {
        Api.Response a = api().post("/api/v1/orders")
                .idempotencyKey()
                .json(OrderJson.valid())
                .send();
        Api.Response b = api().post("/api/v1/orders")
                .idempotencyKey()
                .json(OrderJson.valid())
                .send();

        assertThat(a.json().get("orderId")).isNotEqualTo(b.json().get("orderId"));
    }

    @Test
    void aRetryWhileTheFirstIsInFlightIs409() throws Exception {
        TestProbes.resetHold();
        String key = UUID.randomUUID().toString();
        CompletableFuture<Api.Response> first = CompletableFuture.supplyAsync(
                () -> api().post("/api/test/hold").idempotencyKey(key).send());
        assertThat(TestProbes.entered.await(10, TimeUnit.SECONDS))
                .as("first request reached the handler")
                .isTrue();

        Api.Response concurrent =
                api().post("/api/test/hold").idempotencyKey(key).send();
        TestProbes.release.countDown();

        assertThat(concurrent.status()).isEqualTo(409);
        assertThat(concurrent.problemType()).isEqualTo("idempotency-key-in-flight");
        assertThat(first.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        Api.Response afterwards =
                api().post("/api/test/hold").idempotencyKey(key).send();
        assertThat(afterwards.status()).isEqualTo(200);
        assertThat(afterwards.header("Idempotent-Replayed")).isEqualTo("true");
    }

    @Test
    void aClientErrorIsStoredAndReplayedToo() {
        String key = UUID.randomUUID().toString();
        String unknown = "/api/v1/orders/" + UUID.randomUUID() + "/cancellation";

        Api.Response first =
                api().post(unknown).idempotencyKey(key).ifMatch("\"0\"").send();
        Api.Response retry =
                api().post(unknown).idempotencyKey(key).ifMatch("\"0\"").send();

        assertThat(first.status()).isEqualTo(404);
        assertThat(retry.status()).isEqualTo(404);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(retry.body()).isEqualTo(first.body());
    }

    @Test
    void aServerErrorIsNotStoredSoTheRetryRunsAgain() {
        String key = UUID.randomUUID().toString();
        String path = "/api/test/fail-once/" + key;

        Api.Response first = api().post(path).idempotencyKey(key).send();
        assertThat(first.status()).isEqualTo(500);
        assertThat(first.problemType()).isEqualTo("internal-error");
        assertThat(storedKeys(key)).isZero();

        Api.Response retry = api().post(path).idempotencyKey(key).send();
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.header("Idempotent-Replayed")).isNull();
        assertThat(storedKeys(key)).isOne();
    }

    @Test
    void whenTheRequestFailsAfterItsCommandTheCommandsEventsAreRolledBackToo() {
        String orderId = UUID.randomUUID().toString();

        Api.Response response = api().post("/api/test/place-then-fail/" + orderId)
                .idempotencyKey()
                .send();

        assertThat(response.status()).isEqualTo(500);
        assertThat(eventCount(orderId)).as("events of the failed request").isZero();
    }

    @Test
    void aWrongContentTypeIsNotStoredSoTheCorrectedRetryRuns() {
        String key = UUID.randomUUID().toString();

        Api.Response first = api().post("/api/v1/orders")
                .idempotencyKey(key)
                .header("Content-Type", "text/plain")
                .json(OrderJson.valid())
                .send();
        Api.Response corrected = api().post("/api/v1/orders")
                .idempotencyKey(key)
                .json(OrderJson.valid())
                .send();

        assertThat(first.status()).isEqualTo(415);
        assertThat(corrected.status()).isEqualTo(201);
        assertThat(corrected.header("Idempotent-Replayed")).isNull();
    }

    @Test
    void aSuccessClaimedForRolledBackWorkBecomesA500AndIsNotStored() {
        String key = UUID.randomUUID().toString();

        Api.Response response =
                api().post("/api/test/rollback-only").idempotencyKey(key).send();

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.problemType()).isEqualTo("internal-error");
        assertThat(storedKeys(key)).isZero();
    }

    @Test
    void aRejectedCommandLeavesNoEventsButItsAnswerIsReplayed() {
        String orderId = api().placeOrder();
        api().post("/api/v1/orders/" + orderId + "/cancellation")
                .idempotencyKey()
                .ifMatch("\"0\"")
                .send();
        String key = UUID.randomUUID().toString();

        Api.Response first = api().post("/api/v1/orders/" + orderId + "/cancellation")
                .idempotencyKey(key)
                .ifMatch("\"1\"")
                .send();
        Api.Response retry = api().post("/api/v1/orders/" + orderId + "/cancellation")
                .idempotencyKey(key)
                .ifMatch("\"1\"")
                .send();

        assertThat(first.status()).isEqualTo(409);
        assertThat(retry.status()).isEqualTo(409);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(eventCount(orderId)).isEqualTo(2);
    }

    @Test
    void anExpiredKeyMayBeUsedAgainForANewRequest() {
        String key = UUID.randomUUID().toString();
        api().post("/api/v1/orders").idempotencyKey(key).json(OrderJson.valid()).send();
        expire(key);

        Api.Response reuse = api().post("/api/v1/orders")
                .idempotencyKey(key)
                .json(OrderJson.valid().put("currency", "USD"))
                .send();

        assertThat(reuse.status()).isEqualTo(201);
        assertThat(reuse.header("Idempotent-Replayed")).isNull();
    }

    @Test
    void storedKeysExpireAfterTheConfiguredTtlAndTheCleanupDeletesThem() {
        String key = UUID.randomUUID().toString();
        api().post("/api/v1/orders").idempotencyKey(key).json(OrderJson.valid()).send();
        Duration ttl = jdbc.queryForObject("""
                SELECT EXTRACT(EPOCH FROM expires_at - created_at)::bigint FROM idempotency_key
                 WHERE idempotency_key = ?""", (rs, row) -> Duration.ofSeconds(rs.getLong(1)), key);
        assertThat(ttl).isEqualTo(Duration.ofHours(24));

        expire(key);

        assertThat(cleanupJob.deleteExpiredKeys()).isPositive();
        assertThat(storedKeys(key)).isZero();
    }

    private int storedKeys(String key) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM idempotency_key WHERE idempotency_key = ?", Integer.class, key);
    }

    private void expire(String key) {
        jdbc.update(
                "UPDATE idempotency_key SET expires_at = now() - interval '1 second' WHERE idempotency_key = ?", key);
    }
}
