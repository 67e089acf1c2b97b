package org.orderplatform.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orderplatform.command.payment.provider.AuthorizationResult;
import org.orderplatform.command.payment.provider.OperationResult;
import org.orderplatform.command.payment.provider.PaymentProvider;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The sandbox card provider over real HTTP: its token rules, idempotency, state rules and fault
 * injection; then the real HTTP adapter against the sandbox of this same application. Every test
 * leaves the sandbox's settings and the adapter's circuit breaker as it found them.
 */
class PaymentSandboxIT extends PlatformIT {

    private static final String AUTHORIZATIONS = "/sandbox/payments/authorizations";
    private static final String SETTINGS = "/sandbox/payments/settings";
    private static final HttpClient IMPATIENT = HttpClient.newHttpClient();

    @Autowired
    PaymentProvider payments;

    @Autowired
    CircuitBreakerRegistry circuitBreakers;

    @BeforeEach
    void startWithAClosedBreaker() {
        breaker().reset();
    }

    @AfterEach
    void restoreTheSandboxAndTheBreaker() {
        assertThat(api().post(SETTINGS + "/reset").send().status()).isEqualTo(200);
        breaker().reset();
    }

    @Test
    void approvesACardWith201AndAnAuthorizationId() {
        Api.Response response = authorize(key(), "tok_visa");

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.header("Content-Type")).isEqualTo("application/json");
        assertThat(response.json().get("status").asText()).isEqualTo("approved");
        String authorizationId = response.json().get("authorizationId").asText();
        assertThat(authorizationId).startsWith("auth_");
        JsonNode stored =
                api().get(AUTHORIZATIONS + "/" + authorizationId).send().json();
        assertThat(stored.get("state").asText()).isEqualTo("authorized");
        assertThat(stored.get("amountMinor").asLong()).isEqualTo(4498);
    }

    @Test
    void approvesAnUnknownTokenAndNoTokenAlike() {
        Api.Response unknown = authorize(key(), "tok_anything");
        Api.Response none = api().post(AUTHORIZATIONS)
                .idempotencyKey()
                .json("{\"amountMinor\":100,\"currency\":\"EUR\"}")
                .send();

        assertThat(unknown.status()).isEqualTo(201);
        assertThat(none.status()).isEqualTo(201);
    }

    @Test
    void declinesTokDeclineWith402() {
        Api.Response response = authorize(key(), "tok_decline");

        assertThat(response.status()).isEqualTo(402);
        assertThat(response.json().get("status").asText()).isEqualTo("declined");
        assertThat(response.json().get("reason").asText()).isEqualTo("card_declined");
    }

    @Test
    void declinesTokInsufficientFundsWith402() {
        Api.Response response = authorize(key(), "tok_insufficient_funds");

        assertThat(response.status()).isEqualTo(402);
        assertThat(response.json().get("reason").asText()).isEqualTo("insufficient_funds");
    }

    @Test
    void tokUnavailableIs503AndIsNotKeptForTheKey() {
        String key = key();

        Api.Response first = authorize(key, "tok_unavailable");
        Api.Response retry = authorize(key, "tok_unavailable");

        assertThat(first.status()).isEqualTo(503);
        assertThat(first.json().get("status").asText()).isEqualTo("unavailable");
        assertThat(first.header("Retry-After")).isEqualTo("1");
        assertThat(retry.status()).isEqualTo(503);
        assertThat(retry.header("Idempotent-Replayed")).isNull();
    }

    @Test
    void tokTimeoutAnswersLaterThanAClientWaitsThenApproves() {
        String key = key();

        assertThatThrownBy(() -> sendGivingUpAfterOneSecond(AUTHORIZATIONS, key, authorizationJson("tok_timeout")))
                .isInstanceOf(HttpTimeoutException.class);
        // the retry with the same key waits for the held first request instead of authorizing again
        Api.Response retry = authorize(key, "tok_timeout");
        Api.Response again = authorize(key, "tok_timeout");

        assertThat(retry.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.json().get("authorizationId")).isEqualTo(retry.json().get("authorizationId"));
    }

    @Test
    void theSameKeyReplaysTheFirstAnswerAndAuthorizesOnce() {
        String key = key();

        Api.Response first = authorize(key, "tok_visa");
        Api.Response replay = authorize(key, "tok_visa");

        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(replay.json().get("authorizationId")).isEqualTo(first.json().get("authorizationId"));
    }

    @Test
    void aDeclineIsReplayedToo() {
        String key = key();
        authorize(key, "tok_decline");

        Api.Response replay = authorize(key, "tok_decline");

        assertThat(replay.status()).isEqualTo(402);
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
    }

    @Test
    void aKeyReusedForADifferentRequestIs422() {
        String key = key();
        authorize(key, "tok_visa");

        Api.Response reused = authorize(key, "tok_decline");

        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.problemType()).isEqualTo("idempotency-key-reused");
        assertThat(reused.json().get("reason").asText()).isEqualTo("idempotency_key_reused");
    }

    @Test
    void aPaymentCallWithoutIdempotencyKeyIs400() {
        Api.Response authorization =
                api().post(AUTHORIZATIONS).json(authorizationJson("tok_visa")).send();
        Api.Response voiding =
                api().post(AUTHORIZATIONS + "/" + authorized() + "/void").send();

        assertThat(authorization.status()).isEqualTo(400);
        assertThat(authorization.problemType()).isEqualTo("idempotency-key-missing");
        assertThat(voiding.status()).isEqualTo(400);
        assertThat(voiding.problemType()).isEqualTo("idempotency-key-missing");
    }

    @Test
    void anInvalidAmountOrCurrencyIsAValidationProblem() {
        Api.Response response = api().post(AUTHORIZATIONS)
                .idempotencyKey()
                .json("{\"amountMinor\":0,\"currency\":\"euro\",\"paymentToken\":\"tok_visa\"}")
                .send();

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.problemType()).isEqualTo("validation-failed");
        assertThat(response.json().get("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("amountMinor", "currency");
    }

    @Test
    void capturesAnAuthorization() {
        String authorizationId = authorized();

        Api.Response response = capture(authorizationId, 4498);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("captureId").asText()).startsWith("cap_");
        JsonNode stored =
                api().get(AUTHORIZATIONS + "/" + authorizationId).send().json();
        assertThat(stored.get("state").asText()).isEqualTo("captured");
        assertThat(stored.get("capturedMinor").asLong()).isEqualTo(4498);
    }

    @Test
    void capturesNoMoreThanWasAuthorizedAndOnlyOnce() {
        String authorizationId = authorized();

        Api.Response tooMuch = capture(authorizationId, 4499);
        capture(authorizationId, 4000);
        Api.Response twice = capture(authorizationId, 498);

        assertThat(tooMuch.status()).isEqualTo(422);
        assertThat(tooMuch.json().get("reason").asText()).isEqualTo("amount_exceeds_authorization");
        assertThat(twice.status()).isEqualTo(422);
        assertThat(twice.json().get("reason").asText()).isEqualTo("already_captured");
    }

    @Test
    void capturingAnUnknownAuthorizationIs404() {
        Api.Response response = capture("auth_unknown", 100);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("status").asText()).isEqualTo("rejected");
        assertThat(response.json().get("reason").asText()).isEqualTo("unknown_authorization");
    }

    @Test
    void aVoidedAuthorizationCannotBeCaptured() {
        String authorizationId = authorized();

        Api.Response voided = voidAuthorization(authorizationId);
        Api.Response capture = capture(authorizationId, 4498);

        assertThat(voided.status()).isEqualTo(200);
        assertThat(voided.json().get("voidId").asText()).startsWith("void_");
        assertThat(capture.status()).isEqualTo(422);
        assertThat(capture.json().get("reason").asText()).isEqualTo("voided");
    }

    @Test
    void aCapturedAuthorizationCannotBeVoided() {
        String authorizationId = authorized();
        capture(authorizationId, 4498);

        Api.Response response = voidAuthorization(authorizationId);

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().get("reason").asText()).isEqualTo("captured");
    }

    @Test
    void refundsOnlyWhatWasCaptured() {
        String authorizationId = authorized();

        Api.Response beforeCapture = refund(authorizationId, 100);
        capture(authorizationId, 4498);
        Api.Response part = refund(authorizationId, 4000);
        Api.Response tooMuch = refund(authorizationId, 499);
        Api.Response rest = refund(authorizationId, 498);

        assertThat(beforeCapture.status()).isEqualTo(422);
        assertThat(beforeCapture.json().get("reason").asText()).isEqualTo("not_captured");
        assertThat(part.status()).isEqualTo(200);
        assertThat(part.json().get("refundId").asText()).startsWith("ref_");
        assertThat(tooMuch.status()).isEqualTo(422);
        assertThat(tooMuch.json().get("reason").asText()).isEqualTo("amount_exceeds_capture");
        assertThat(rest.status()).isEqualTo(200);
        assertThat(api().get(AUTHORIZATIONS + "/" + authorizationId)
                        .send()
                        .json()
                        .get("refundedMinor")
                        .asLong())
                .isEqualTo(4498);
    }

    @Test
    void settingsStartWithoutFaultsAndCanBeChanged() {
        JsonNode initial = api().get(SETTINGS).send().json();

        Api.Response changed = api().put(SETTINGS)
                .json(Map.of("failureRate", 0.25, "latencyMs", 5))
                .send();

        assertThat(initial.get("failureRate").asDouble()).isZero();
        assertThat(initial.get("latencyMs").asLong()).isZero();
        assertThat(changed.status()).isEqualTo(200);
        JsonNode current = api().get(SETTINGS).send().json();
        assertThat(current.get("failureRate").asDouble()).isEqualTo(0.25);
        assertThat(current.get("latencyMs").asLong()).isEqualTo(5);
    }

    @Test
    void settingsOutOfRangeAre400AndChangeNothing() {
        Api.Response rate = api().put(SETTINGS)
                .json(Map.of("failureRate", 1.5, "latencyMs", 0))
                .send();
        Api.Response latency = api().put(SETTINGS)
                .json(Map.of("failureRate", 0.5, "latencyMs", -1))
                .send();
        Api.Response missing = api().put(SETTINGS).json("{}").send();

        assertThat(rate.status()).isEqualTo(400);
        assertThat(rate.problemType()).isEqualTo("malformed-request");
        assertThat(rate.json().get("errors").findValuesAsText("field")).containsExactly("failureRate");
        assertThat(latency.status()).isEqualTo(400);
        assertThat(latency.json().get("errors").findValuesAsText("field")).containsExactly("latencyMs");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("errors").findValuesAsText("field")).containsExactly("failureRate", "latencyMs");
        assertThat(api().get(SETTINGS).send().json().get("failureRate").asDouble())
                .isZero();
    }

    @Test
    void aFailureRateOfOneMakesEveryCall503UntilReset() {
        String key = key();
        setFailureRate(1.0);

        Api.Response down = authorize(key, "tok_visa");
        Api.Response reset = api().post(SETTINGS + "/reset").send();
        Api.Response retry = authorize(key, "tok_visa");

        assertThat(down.status()).isEqualTo(503);
        assertThat(down.json().get("reason").asText()).isEqualTo("provider_unavailable");
        assertThat(reset.json().get("failureRate").asDouble()).isZero();
        assertThat(retry.status()).isEqualTo(201);
    }

    @Test
    void latencyHoldsEveryCallPastAClientsPatience() {
        assertThat(api().put(SETTINGS)
                        .json(Map.of("failureRate", 0.0, "latencyMs", 5_000))
                        .send()
                        .status())
                .isEqualTo(200);

        assertThatThrownBy(() -> sendGivingUpAfterOneSecond(AUTHORIZATIONS, key(), authorizationJson("tok_visa")))
                .isInstanceOf(HttpTimeoutException.class);
    }

    @Test
    void theHttpAdapterIsAnsweredBySandbox() {
        AuthorizationResult approved = payments.authorize(key(), 4498, "EUR", "tok_visa");
        AuthorizationResult declined = payments.authorize(key(), 4498, "EUR", "tok_insufficient_funds");

        assertThat(approved).isInstanceOf(AuthorizationResult.Approved.class);
        assertThat(declined).isEqualTo(new AuthorizationResult.Declined("insufficient_funds"));
        String authorizationId = ((AuthorizationResult.Approved) approved).authorizationId();
        assertThat(payments.capture(key(), authorizationId, 4498, "EUR")).isInstanceOf(OperationResult.Done.class);
        assertThat(payments.voidAuthorization(key(), authorizationId))
                .isEqualTo(new OperationResult.Rejected("captured"));
        assertThat(payments.refund(key(), authorizationId, 4498, "EUR")).isInstanceOf(OperationResult.Done.class);
    }

    @Test
    void theHttpAdapterAuthorizesOncePerKey() {
        String key = key();

        AuthorizationResult first = payments.authorize(key, 4498, "EUR", "tok_visa");
        AuthorizationResult retry = payments.authorize(key, 4498, "EUR", "tok_visa");

        assertThat(first).isInstanceOf(AuthorizationResult.Approved.class).isEqualTo(retry);
    }

    @Test
    void withTheSandboxDownTheAdapterIsUnavailableThenItsBreakerOpens() {
        setFailureRate(1.0);

        assertThat(payments.authorize(key(), 4498, "EUR", "tok_visa"))
                .isEqualTo(new AuthorizationResult.Unavailable("provider_unavailable", false));
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
            payments.authorize(key(), 4498, "EUR", "tok_visa");
            return breaker().getState() == CircuitBreaker.State.OPEN;
        });
        // the sandbox is healthy again, but an open breaker does not even call it
        api().post(SETTINGS + "/reset").send();

        assertThat(payments.authorize(key(), 4498, "EUR", "tok_visa"))
                .isEqualTo(new AuthorizationResult.Unavailable("circuit_open", false));
        breaker().reset();
        assertThat(payments.authorize(key(), 4498, "EUR", "tok_visa")).isInstanceOf(AuthorizationResult.Approved.class);
    }

    private CircuitBreaker breaker() {
        return circuitBreakers.circuitBreaker("payment-provider");
    }

    private Api.Response authorize(String key, String token) {
        return api().post(AUTHORIZATIONS)
                .idempotencyKey(key)
                .json(authorizationJson(token))
                .send();
    }

    private String authorized() {
        return authorize(key(), "tok_visa").json().get("authorizationId").asText();
    }

    private Api.Response capture(String authorizationId, long amountMinor) {
        return api().post(AUTHORIZATIONS + "/" + authorizationId + "/capture")
                .idempotencyKey()
                .json(Map.of("amountMinor", amountMinor))
                .send();
    }

    private Api.Response voidAuthorization(String authorizationId) {
        return api().post(AUTHORIZATIONS + "/" + authorizationId + "/void")
                .idempotencyKey()
                .send();
    }

    private Api.Response refund(String authorizationId, long amountMinor) {
        return api().post(AUTHORIZATIONS + "/" + authorizationId + "/refund")
                .idempotencyKey()
                .json(Map.of("amountMinor", amountMinor))
                .send();
    }

    private void setFailureRate(double failureRate) {
        Api.Response response = api().put(SETTINGS)
                .json(Map.of("failureRate", failureRate, "latencyMs", 0))
                .send();
        assertThat(response.status()).isEqualTo(200);
    }

    /** A POST from a client that waits one second only. */
    private void sendGivingUpAfterOneSecond(String path, String key, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(1))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        IMPATIENT.send(request, HttpResponse.BodyHandlers.discarding());
    }

    private static String authorizationJson(String token) {
        return "{\"amountMinor\":4498,\"currency\":\"EUR\",\"paymentToken\":\"" + token + "\"}";
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }
}
