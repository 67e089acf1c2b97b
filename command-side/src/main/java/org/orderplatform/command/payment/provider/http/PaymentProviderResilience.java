package org.orderplatform.command.payment.provider.http;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import java.time.Duration;

/**
 * The retry and circuit breaker around the provider. An instance configured under
 * {@code resilience4j.retry.instances.payment-provider} or
 * {@code resilience4j.circuitbreaker.instances.payment-provider} is used as configured; without
 * one, the defaults below apply. Either way only {@link TransientProviderFailure} is ever thrown
 * by a call, so only passing failures are retried and counted, whatever the configuration lists.
 */
final class PaymentProviderResilience {

    static final String NAME = "payment-provider";
    static final Duration INITIAL_BACKOFF = Duration.ofMillis(200);

    private PaymentProviderResilience() {}

    static Retry retry(RetryRegistry registry) {
        return registry.find(NAME).orElseGet(() -> registry.retry(NAME, retryConfig(INITIAL_BACKOFF)));
    }

    static CircuitBreaker circuitBreaker(CircuitBreakerRegistry registry) {
        return registry.find(NAME).orElseGet(() -> registry.circuitBreaker(NAME, circuitBreakerConfig()));
    }

    /** Three attempts, waiting {@code initialBackoff}, then twice that, each ±20% so that callers do not retry in step. */
    static RetryConfig retryConfig(Duration initialBackoff) {
        return RetryConfig.custom()
                .maxAttempts(3)
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(initialBackoff, 2.0, 0.2))
                .retryExceptions(TransientProviderFailure.class)
                .build();
    }

    /** Opens when half of the last ten calls failed; after 10 s lets two trial calls through. */
    static CircuitBreakerConfig circuitBreakerConfig() {
        return CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(10)
                .minimumNumberOfCalls(10)
                .failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofSeconds(10))
                .permittedNumberOfCallsInHalfOpenState(2)
                .recordExceptions(TransientProviderFailure.class)
                .build();
    }
}
