package org.orderplatform.command.payment.provider.http;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.orderplatform.command.payment.provider.AuthorizationResult;
import org.orderplatform.command.payment.provider.OperationResult;
import org.orderplatform.command.payment.provider.PaymentProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * The payment provider over HTTP. Maps the provider's answers onto the port's results: 2xx is
 * approved or done; 402 and 422 (and 404 with a reason) are the provider's final no; everything
 * else, after retries, or while the breaker is open, is {@code Unavailable}: the caller may try
 * again later with the same key.
 */
@Component
class HttpPaymentProvider implements PaymentProvider {

    private static final Logger log = LoggerFactory.getLogger(HttpPaymentProvider.class);

    private final ProviderHttpClient http;
    private final CircuitBreaker circuitBreaker;
    private final Retry retry;

    @Autowired
    HttpPaymentProvider(
            ObjectProvider<RestClient.Builder> restClients,
            Environment environment,
            @Value("${orders.payments.provider-url:}") String providerUrl,
            @Value("${orders.payments.timeout:2s}") Duration timeout,
            CircuitBreakerRegistry circuitBreakers,
            RetryRegistry retries) {
        this(
                new ProviderHttpClient(
                        restClients.getIfAvailable(RestClient::builder),
                        new ProviderBaseUrl(providerUrl, environment),
                        timeout),
                circuitBreakers,
                retries);
    }

    HttpPaymentProvider(ProviderHttpClient http, CircuitBreakerRegistry circuitBreakers, RetryRegistry retries) {
        this.http = http;
        this.circuitBreaker = PaymentProviderResilience.circuitBreaker(circuitBreakers);
        this.retry = PaymentProviderResilience.retry(retries);
        // one line per change of state, rather than one per refused call while it is open
        circuitBreaker
                .getEventPublisher()
                .onStateTransition(event -> log.warn(
                        "Payment provider circuit breaker {}: {}",
                        event.getCircuitBreakerName(),
                        event.getStateTransition()));
    }

    @Override
    public AuthorizationResult authorize(
            String idempotencyKey, long amountMinor, String currency, String paymentToken) {
        return call(
                "authorize",
                () -> http.post(
                        idempotencyKey, new AuthorizationBody(amountMinor, currency, paymentToken), "/authorizations"),
                reply -> {
                    String authorizationId = reply.text("authorizationId");
                    if (reply.isSuccess() && authorizationId != null) {
                        return new AuthorizationResult.Approved(authorizationId);
                    }
                    if (reply.status() == 402 || reply.status() == 422) {
                        return new AuthorizationResult.Declined(reply.reason("declined"));
                    }
                    // an answer, however odd, is about the key: no attempt hangs in the balance
                    return unexpected("authorize", reply, reason -> new AuthorizationResult.Unavailable(reason, false));
                },
                AuthorizationResult.Unavailable::new);
    }

    @Override
    public OperationResult capture(String idempotencyKey, String authorizationId, long amountMinor, String currency) {
        return operation(
                "capture",
                "captureId",
                () -> http.post(
                        idempotencyKey,
                        new AmountBody(amountMinor, currency),
                        "/authorizations/{id}/capture",
                        authorizationId));
    }

    @Override
    public OperationResult voidAuthorization(String idempotencyKey, String authorizationId) {
        return operation(
                "void", "voidId", () -> http.post(idempotencyKey, null, "/authorizations/{id}/void", authorizationId));
    }

    @Override
    public OperationResult refund(String idempotencyKey, String authorizationId, long amountMinor, String currency) {
        return operation(
                "refund",
                "refundId",
                () -> http.post(
                        idempotencyKey,
                        new AmountBody(amountMinor, currency),
                        "/authorizations/{id}/refund",
                        authorizationId));
    }

    private OperationResult operation(String name, String referenceField, Supplier<ProviderReply> request) {
        return call(
                name,
                request,
                reply -> {
                    String reference = reply.text(referenceField);
                    if (reply.isSuccess() && reference != null) {
                        return new OperationResult.Done(reference);
                    }
                    // a 404 with a reason is the provider's "no such authorization"; without one, a wrong URL
                    if (reply.status() == 402
                            || reply.status() == 422
                            || (reply.status() == 404 && reply.text("reason") != null)) {
                        return new OperationResult.Rejected(reply.reason("rejected"));
                    }
                    return unexpected(name, reply, OperationResult.Unavailable::new);
                },
                (reason, outcomeUnknown) -> new OperationResult.Unavailable(reason));
    }

    /**
     * The retry wraps the circuit breaker, not the other way round: the breaker then sees every
     * attempt that reached the provider (three failed attempts are three failures, so it opens
     * sooner on a provider that is down), and once it is open the remaining attempts end at once
     * instead of going out again. The breaker's refusal is turned into an empty answer before the
     * retry sees it, so that no retry configuration can make it wait and ask the open breaker again.
     */
    private <R> R call(
            String operation,
            Supplier<ProviderReply> request,
            Function<ProviderReply, R> answer,
            BiFunction<String, Boolean, R> unavailable) {
        Supplier<ProviderReply> guarded = CircuitBreaker.decorateSupplier(circuitBreaker, request);
        // whether any attempt of this call may have been carried out without our hearing of it
        AtomicBoolean outcomeUnknown = new AtomicBoolean();
        Supplier<Optional<ProviderReply>> attempt = () -> {
            try {
                return Optional.of(guarded.get());
            } catch (CallNotPermittedException open) {
                return Optional.empty();
            } catch (TransientProviderFailure failure) {
                outcomeUnknown.compareAndSet(false, failure.outcomeUnknown());
                throw failure;
            }
        };
        Optional<ProviderReply> reply;
        try {
            reply = Retry.decorateSupplier(retry, attempt).get();
        } catch (TransientProviderFailure e) {
            log.warn("Payment provider {} failed after retries: {}", operation, e.reason());
            log.debug("Last failure of payment provider {}", operation, e.getCause());
            return unavailable.apply(e.reason(), outcomeUnknown.get());
        } catch (RuntimeException e) {
            log.error("Payment provider {} failed unexpectedly", operation, e);
            return unavailable.apply("provider_error", true);
        }
        if (reply.isEmpty()) {
            log.debug("Payment provider {} not attempted: the circuit breaker is open", operation);
            return unavailable.apply("circuit_open", outcomeUnknown.get());
        }
        return answer.apply(reply.get());
    }

    /**
     * An answer that is neither success nor a final no (400, 401, 404 without a reason, 2xx
     * without an id): a fault on our side or the provider's that a later try may not share, so
     * {@code Unavailable} rather than a decline the customer would see. Never retried here.
     */
    private static <R> R unexpected(String operation, ProviderReply reply, Function<String, R> unavailable) {
        log.error("Payment provider {} answered {} unexpectedly", operation, reply.status());
        return unavailable.apply("unexpected_response");
    }

    private record AuthorizationBody(long amountMinor, String currency, String paymentToken) {}

    private record AmountBody(long amountMinor, String currency) {}
}
