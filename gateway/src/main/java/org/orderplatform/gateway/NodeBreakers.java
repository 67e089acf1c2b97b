package org.orderplatform.gateway;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A circuit breaker per node (Resilience4j): a node whose attempts fail (5xx, a connection that
 * fails, a timeout) at half the rate of its last 20, after at least 10, gets no first attempts
 * for 10 s, then a few trial ones. Gossip drops a node that is dead or unready within seconds;
 * this holds back one that is alive and says it is ready but fails, between those verdicts.
 */
final class NodeBreakers {

    private static final Logger log = LoggerFactory.getLogger(NodeBreakers.class);

    private final CircuitBreakerRegistry breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
            .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
            .slidingWindowSize(20)
            .minimumNumberOfCalls(10)
            .failureRateThreshold(50)
            .waitDurationInOpenState(Duration.ofSeconds(10))
            .permittedNumberOfCallsInHalfOpenState(3)
            .automaticTransitionFromOpenToHalfOpenEnabled(true)
            .build());

    NodeBreakers() {
        breakers.getEventPublisher()
                .onEntryAdded(added -> added.getAddedEntry()
                        .getEventPublisher()
                        .onStateTransition(event -> log.warn(
                                "Node {}: breaker {}", added.getAddedEntry().getName(), event.getStateTransition())));
    }

    void record(String nodeId, boolean failed, long nanos) {
        CircuitBreaker breaker = breakers.circuitBreaker(nodeId);
        if (failed) {
            breaker.onError(nanos, TimeUnit.NANOSECONDS, new IllegalStateException("attempt failed"));
        } else {
            breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
        }
    }

    /** Whether the node may take an attempt now (closed, or half-open with a trial left). */
    boolean admits(String nodeId) {
        CircuitBreaker.State state = breakers.circuitBreaker(nodeId).getState();
        return state == CircuitBreaker.State.CLOSED || state == CircuitBreaker.State.HALF_OPEN;
    }
}
