package org.orderplatform.webhooks.delivery;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.orderplatform.webhooks.WebhookProperties;

/**
 * Per subscription endpoint, on this node: a circuit breaker (an endpoint that is down is left
 * alone for a while; its deliveries wait, they do not use up attempts; one that fails only now and
 * then is not: its retries deal with that), a rate limit and a concurrency limit (one endpoint
 * never gets more than its share, however many events arrive).
 */
class EndpointGuards {

    private static final String PREFIX = "webhook-";

    private final CircuitBreakerRegistry breakers;
    private final RateLimiterRegistry rateLimiters;
    private final BulkheadRegistry bulkheads;
    private final Duration openFor;
    private final List<Consumer<UUID>> openedHere = new CopyOnWriteArrayList<>();
    // breakers being opened because a peer's opened: not news to spread again
    private final Set<UUID> openingForPeer = ConcurrentHashMap.newKeySet();

    EndpointGuards(WebhookProperties.Endpoint endpoint) {
        this(endpoint, (subscriptionId, reason) -> {});
    }

    /**
     * @param opened told when an endpoint's breaker opens, with why: its waiting deliveries are not
     *     claimed while it is open, so the delivery log learns why they wait from this
     */
    EndpointGuards(WebhookProperties.Endpoint endpoint, BiConsumer<UUID, String> opened) {
        this.openFor = endpoint.breakerOpenFor();
        this.breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(endpoint.breakerWindow())
                .minimumNumberOfCalls(Math.min(endpoint.breakerWindow(), endpoint.breakerMinimumAttempts()))
                .failureRateThreshold(endpoint.breakerFailureRate())
                .waitDurationInOpenState(endpoint.breakerOpenFor())
                // a few trials, not one: a flaky endpoint whose single trial happened to fail was
                // held back for another open period (a 30 % failure rate stalled it for minutes)
                .permittedNumberOfCallsInHalfOpenState(endpoint.breakerTrialAttempts())
                // the dispatcher does not claim for an open breaker, so nothing would ask it to
                // half-open: it must do so by itself when its time is up
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                // a trial that never reports back must not hold the breaker half-open for good
                .maxWaitDurationInHalfOpenState(endpoint.breakerOpenFor())
                .build());
        breakers.getEventPublisher().onEntryAdded(added -> {
            CircuitBreaker breaker = added.getAddedEntry();
            breaker.getEventPublisher().onStateTransition(transition -> {
                if (transition.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
                    UUID id = idOf(breaker.getName());
                    opened.accept(id, breakerReason(breaker));
                    if (!openingForPeer.contains(id)) {
                        openedHere.forEach(listener -> listener.accept(id));
                    }
                }
            });
        });
        this.rateLimiters = RateLimiterRegistry.of(RateLimiterConfig.custom()
                .limitForPeriod(endpoint.ratePerSecond())
                .limitRefreshPeriod(Duration.ofSeconds(1))
                .timeoutDuration(Duration.ZERO)
                .build());
        this.bulkheads = BulkheadRegistry.of(BulkheadConfig.custom()
                .maxConcurrentCalls(endpoint.maxConcurrency())
                .maxWaitDuration(Duration.ZERO)
                .build());
    }

    Guard of(UUID subscriptionId) {
        String name = PREFIX + subscriptionId;
        return new Guard(breakers.circuitBreaker(name), rateLimiters.rateLimiter(name), bulkheads.bulkhead(name));
    }

    /** Told when a breaker opens on what this node saw (not when a peer's news opened it). */
    void onOpenedHere(Consumer<UUID> listener) {
        openedHere.add(listener);
    }

    /**
     * Another node's breaker for the endpoint opened: this node holds back too, for its own open
     * period, instead of finding out with failures of its own. An open breaker stays as it is.
     */
    void openForPeer(UUID subscriptionId) {
        CircuitBreaker breaker = of(subscriptionId).breaker();
        if (breaker.getState() == CircuitBreaker.State.OPEN || breaker.getState() == CircuitBreaker.State.FORCED_OPEN) {
            return;
        }
        openingForPeer.add(subscriptionId);
        try {
            breaker.transitionToOpenState();
        } finally {
            openingForPeer.remove(subscriptionId);
        }
    }

    /**
     * Attempts each endpoint may still start in the current rate period, at most {@code cap}, for
     * the endpoints called before (any other has the whole rate).
     */
    Map<UUID, Integer> ratePermits(int cap) {
        Map<UUID, Integer> permits = new HashMap<>();
        rateLimiters
                .getAllRateLimiters()
                .forEach(limiter -> permits.put(
                        idOf(limiter.getName()),
                        Math.min(cap, limiter.getMetrics().getAvailablePermissions())));
        return permits;
    }

    List<UUID> openBreakers() {
        List<UUID> open = new ArrayList<>();
        breakers.getAllCircuitBreakers().forEach(breaker -> {
            if (breaker.getState() == CircuitBreaker.State.OPEN) {
                open.add(idOf(breaker.getName()));
            }
        });
        return open;
    }

    /**
     * The endpoint's breaker on this node as it is, without making one: empty before this node
     * attempted a delivery to it.
     */
    Optional<CircuitBreaker> breakerIfAny(UUID subscriptionId) {
        return breakers.find(PREFIX + subscriptionId);
    }

    private static UUID idOf(String name) {
        return UUID.fromString(name.substring(PREFIX.length()));
    }

    /** How long a delivery held back by an open breaker waits. */
    Duration openFor() {
        return openFor;
    }

    /** Why the endpoint's deliveries are held back now, for the delivery log. */
    String breakerReason(CircuitBreaker breaker) {
        CircuitBreaker.Metrics metrics = breaker.getMetrics();
        if (breaker.getState() == CircuitBreaker.State.OPEN) {
            return String.format(
                    java.util.Locale.ROOT,
                    "held back: the endpoint's circuit breaker is open (%.0f %% of its last %d attempts failed);"
                            + " tried again after %s, without using up an attempt",
                    metrics.getFailureRate(),
                    metrics.getNumberOfBufferedCalls(),
                    openFor);
        }
        return "held back: the endpoint's circuit breaker is letting trial attempts through first";
    }

    record Guard(CircuitBreaker breaker, RateLimiter rateLimiter, Bulkhead bulkhead) {}
}
