package org.orderplatform.command.payment.provider.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.orderplatform.command.payment.provider.AuthorizationResult;
import org.orderplatform.command.payment.provider.OperationResult;
import org.springframework.web.client.RestClient;

/** The HTTP adapter against a scripted provider on loopback: real HTTP, the adapter's own retry and breaker defaults. */
class HttpPaymentProviderTest {

    private static final String APPROVED = "{\"authorizationId\":\"auth_1\",\"status\":\"approved\"}";
    private static final String UNAVAILABLE = "{\"status\":\"unavailable\",\"reason\":\"provider_unavailable\"}";
    // long enough for any healthy loopback exchange, short enough for the tests that wait it out
    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private final ScriptedProvider provider = ScriptedProvider.start();
    private final CircuitBreakerRegistry circuitBreakers = CircuitBreakerRegistry.ofDefaults();
    private final HttpPaymentProvider payments = adapter(provider.url());

    @AfterEach
    void closeProvider() {
        provider.close();
    }

    @Test
    void approvesWithTheProvidersAuthorizationId() {
        provider.then(201, APPROVED);

        AuthorizationResult result = payments.authorize("key-1", 4498, "EUR", "tok_visa");

        assertThat(result).isEqualTo(new AuthorizationResult.Approved("auth_1"));
        assertThat(provider.received()).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/authorizations");
            assertThat(request.idempotencyKey()).isEqualTo("key-1");
            assertThat(request.body())
                    .contains("\"amountMinor\":4498", "\"currency\":\"EUR\"", "\"paymentToken\":\"tok_visa\"");
        });
    }

    @Test
    void aDeclineIsFinalAndNotRetried() {
        provider.always(402, "{\"status\":\"declined\",\"reason\":\"card_declined\"}");

        AuthorizationResult result = payments.authorize("key-1", 4498, "EUR", "tok_decline");

        assertThat(result).isEqualTo(new AuthorizationResult.Declined("card_declined"));
        assertThat(provider.received()).hasSize(1);
    }

    @Test
    void a422IsADeclineToo() {
        provider.then(422, "{\"status\":\"declined\",\"reason\":\"invalid_currency\"}");

        assertThat(payments.authorize("key-1", 4498, "XXX", "tok_visa"))
                .isEqualTo(new AuthorizationResult.Declined("invalid_currency"));
    }

    @Test
    void retriesA503AndAnswersTheApprovalThatFollows() {
        provider.then(503, UNAVAILABLE).then(201, APPROVED);

        AuthorizationResult result = payments.authorize("key-1", 4498, "EUR", "tok_visa");

        assertThat(result).isEqualTo(new AuthorizationResult.Approved("auth_1"));
        assertThat(provider.received()).hasSize(2);
    }

    @Test
    void retriesWhenThrottled() {
        provider.then(429, "").then(201, APPROVED);

        assertThat(payments.authorize("key-1", 4498, "EUR", "tok_visa"))
                .isEqualTo(new AuthorizationResult.Approved("auth_1"));
        assertThat(provider.received()).hasSize(2);
    }

    @Test
    void sendsTheSameIdempotencyKeyOnEveryAttempt() {
        provider.then(503, UNAVAILABLE).then(502, "").then(201, APPROVED);

        payments.authorize("order-7-authorize", 4498, "EUR", "tok_visa");

        assertThat(provider.received())
                .extracting(ScriptedProvider.Received::idempotencyKey)
                .containsExactly("order-7-authorize", "order-7-authorize", "order-7-authorize");
    }

    @Test
    void isUnavailableAfterThreeFailedAttempts() {
        provider.always(503, UNAVAILABLE);

        AuthorizationResult result = payments.authorize("key-1", 4498, "EUR", "tok_visa");

        // 503: the provider says it did not take the request
        assertThat(result).isEqualTo(new AuthorizationResult.Unavailable("provider_unavailable", false));
        assertThat(provider.received()).hasSize(3);
    }

    @Test
    void aProviderThatDoesNotAnswerInTimeIsUnavailable() {
        provider.alwaysHang();

        AuthorizationResult result = payments.authorize("key-1", 4498, "EUR", "tok_timeout");

        // the provider may have authorized without our hearing of it
        assertThat(result).isEqualTo(new AuthorizationResult.Unavailable("provider_timeout", true));
        assertThat(provider.received()).hasSize(3);
    }

    @Test
    void retriesAnAttemptThatTimedOut() {
        provider.thenHang().then(201, APPROVED);

        assertThat(payments.authorize("key-1", 4498, "EUR", "tok_visa"))
                .isEqualTo(new AuthorizationResult.Approved("auth_1"));
        assertThat(provider.received()).hasSize(2);
    }

    @Test
    void anUnreachableProviderIsUnavailable() throws IOException {
        String nobodyListening;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nobodyListening = "http://127.0.0.1:" + socket.getLocalPort();
        }

        assertThat(adapter(nobodyListening).authorize("key-1", 4498, "EUR", "tok_visa"))
                .isEqualTo(new AuthorizationResult.Unavailable("provider_unreachable", false));
    }

    @Test
    void opensTheBreakerAfterRepeatedFailuresAndThenSendsNothing() {
        provider.always(503, UNAVAILABLE);
        CircuitBreaker breaker = circuitBreakers.circuitBreaker(PaymentProviderResilience.NAME);

        for (int call = 0; call < 10 && breaker.getState() != CircuitBreaker.State.OPEN; call++) {
            payments.authorize("key-" + call, 4498, "EUR", "tok_visa");
        }
        int sentBeforeOpening = provider.received().size();
        AuthorizationResult whileOpen = payments.authorize("key-open", 4498, "EUR", "tok_visa");

        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        // ten failed attempts fill the window; the attempt after that is refused by the breaker
        assertThat(sentBeforeOpening).isEqualTo(10);
        assertThat(whileOpen).isEqualTo(new AuthorizationResult.Unavailable("circuit_open", false));
        assertThat(provider.received()).hasSize(sentBeforeOpening);
    }

    @Test
    void anOpenBreakerIsAskedOnlyOnceEvenByARetryThatRetriesEverything() {
        RetryRegistry retriesEverything = RetryRegistry.of(
                RetryConfig.custom().waitDuration(Duration.ofMillis(1)).build());
        HttpPaymentProvider configuredElsewhere = new HttpPaymentProvider(
                new ProviderHttpClient(RestClient.builder(), provider::url, TIMEOUT),
                circuitBreakers,
                retriesEverything);
        CircuitBreaker breaker = circuitBreakers.circuitBreaker(PaymentProviderResilience.NAME);
        breaker.transitionToOpenState();

        AuthorizationResult result = configuredElsewhere.authorize("key-1", 4498, "EUR", "tok_visa");

        assertThat(result).isEqualTo(new AuthorizationResult.Unavailable("circuit_open", false));
        assertThat(breaker.getMetrics().getNumberOfNotPermittedCalls()).isEqualTo(1);
        assertThat(provider.received()).isEmpty();
    }

    @Test
    void declinesDoNotCountAgainstTheBreaker() {
        provider.always(402, "{\"status\":\"declined\",\"reason\":\"card_declined\"}");

        for (int call = 0; call < 20; call++) {
            payments.authorize("key-" + call, 4498, "EUR", "tok_decline");
        }

        assertThat(circuitBreakers
                        .circuitBreaker(PaymentProviderResilience.NAME)
                        .getState())
                .isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(provider.received()).hasSize(20);
    }

    @Test
    void passesOnReasonCodesButNeverTheProvidersText() {
        provider.then(402, "{\"status\":\"declined\",\"reason\":\"<b>Do not honor</b> (05)\"}")
                .always(500, "java.lang.IllegalStateException: db password wrong at ...");

        assertThat(payments.authorize("key-1", 4498, "EUR", "tok_visa"))
                .isEqualTo(new AuthorizationResult.Declined("declined"));
        assertThat(payments.authorize("key-2", 4498, "EUR", "tok_visa"))
                .isEqualTo(new AuthorizationResult.Unavailable("provider_error", true));
    }

    @Test
    void aTimeoutBeforeAnOpenBreakerStillLeavesTheOutcomeUnknown() {
        provider.thenHang().always(503, UNAVAILABLE);

        assertThat(payments.authorize("key-1", 4498, "EUR", "tok_visa"))
                .isEqualTo(new AuthorizationResult.Unavailable("provider_unavailable", true));
    }

    @Test
    void anUnexpectedClientErrorIsUnavailableAndNotRetried() {
        provider.always(400, "{\"type\":\"/problems/malformed-request\"}");

        assertThat(payments.authorize("key-1", 4498, "EUR", "tok_visa"))
                .isEqualTo(new AuthorizationResult.Unavailable("unexpected_response", false));
        assertThat(provider.received()).hasSize(1);
    }

    @Test
    void capturesAndAnswersTheCaptureId() {
        provider.then(200, "{\"captureId\":\"cap_1\",\"status\":\"captured\"}");

        OperationResult result = payments.capture("key-c", "auth_1", 4498, "EUR");

        assertThat(result).isEqualTo(new OperationResult.Done("cap_1"));
        assertThat(provider.received()).singleElement().satisfies(request -> {
            assertThat(request.path()).isEqualTo("/authorizations/auth_1/capture");
            assertThat(request.idempotencyKey()).isEqualTo("key-c");
            assertThat(request.body()).contains("\"amountMinor\":4498");
        });
    }

    @Test
    void voidsWithoutABody() {
        provider.then(200, "{\"voidId\":\"void_1\",\"status\":\"voided\"}");

        assertThat(payments.voidAuthorization("key-v", "auth_1")).isEqualTo(new OperationResult.Done("void_1"));
        assertThat(provider.received()).singleElement().satisfies(request -> {
            assertThat(request.path()).isEqualTo("/authorizations/auth_1/void");
            assertThat(request.body()).isEmpty();
        });
    }

    @Test
    void refundsAndAnswersTheRefundId() {
        provider.then(200, "{\"refundId\":\"ref_1\",\"status\":\"refunded\"}");

        assertThat(payments.refund("key-r", "auth_1", 1000, "EUR")).isEqualTo(new OperationResult.Done("ref_1"));
        assertThat(provider.received())
                .singleElement()
                .satisfies(request -> assertThat(request.path()).isEqualTo("/authorizations/auth_1/refund"));
    }

    @Test
    void aRefusedOperationIsRejectedWithTheProvidersReason() {
        provider.then(422, "{\"status\":\"rejected\",\"reason\":\"not_captured\"}");

        assertThat(payments.refund("key-r", "auth_1", 1000, "EUR"))
                .isEqualTo(new OperationResult.Rejected("not_captured"));
    }

    @Test
    void anUnknownAuthorizationIsRejectedButAnUnknownPathIsNot() {
        provider.then(404, "{\"status\":\"rejected\",\"reason\":\"unknown_authorization\"}")
                .then(404, "");

        assertThat(payments.capture("key-1", "auth_x", 4498, "EUR"))
                .isEqualTo(new OperationResult.Rejected("unknown_authorization"));
        assertThat(payments.capture("key-2", "auth_x", 4498, "EUR"))
                .isEqualTo(new OperationResult.Unavailable("unexpected_response"));
    }

    @Test
    void anAuthorizationIdCannotChangeThePath() {
        provider.then(200, "{\"voidId\":\"void_1\"}");

        payments.voidAuthorization("key-v", "auth/../../x?y");

        assertThat(provider.received())
                .singleElement()
                .satisfies(
                        request -> assertThat(request.path()).isEqualTo("/authorizations/auth%2F..%2F..%2Fx%3Fy/void"));
    }

    private HttpPaymentProvider adapter(String url) {
        RetryRegistry retries = RetryRegistry.ofDefaults();
        // the adapter's retry, only with a short backoff so that the tests do not wait for it
        retries.retry(PaymentProviderResilience.NAME, PaymentProviderResilience.retryConfig(Duration.ofMillis(1)));
        return new HttpPaymentProvider(
                new ProviderHttpClient(RestClient.builder(), () -> url, TIMEOUT), circuitBreakers, retries);
    }
}
