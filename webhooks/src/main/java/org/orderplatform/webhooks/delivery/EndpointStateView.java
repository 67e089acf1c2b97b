package org.orderplatform.webhooks.delivery;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * A subscription's endpoint as the dispatcher on the answering node sees it: its circuit breaker
 * (open: deliveries wait without using up attempts) and the attempts that breaker judges by.
 *
 * @param failureRatePercent of the attempts in the breaker's window; null until it has enough to judge
 * @param bufferedAttempts the attempts in that window (0: none from this node yet)
 */
public record EndpointStateView(
        @Schema(allowableValues = {"closed", "open", "half_open", "disabled", "forced_open", "metrics_only"})
        String breaker,

        @Schema(nullable = true) Double failureRatePercent,
        int bufferedAttempts,

        @Schema(description = "Whether this node runs the dispatcher (else the breaker reads closed: unknown here)")
        boolean dispatcherHere) {

    /** The endpoint as {@code here} sees it: null when this node runs no dispatcher. */
    static EndpointStateView of(EndpointGuards here, UUID subscriptionId) {
        boolean dispatcherHere = here != null;
        Optional<CircuitBreaker> breaker = dispatcherHere ? here.breakerIfAny(subscriptionId) : Optional.empty();
        if (breaker.isEmpty()) {
            return new EndpointStateView("closed", null, 0, dispatcherHere);
        }
        CircuitBreaker.Metrics metrics = breaker.get().getMetrics();
        float rate = metrics.getFailureRate();
        return new EndpointStateView(
                breaker.get().getState().name().toLowerCase(Locale.ROOT),
                // Resilience4j says -1 until the window holds its minimum number of calls
                rate < 0 ? null : (double) rate,
                metrics.getNumberOfBufferedCalls(),
                dispatcherHere);
    }
}
