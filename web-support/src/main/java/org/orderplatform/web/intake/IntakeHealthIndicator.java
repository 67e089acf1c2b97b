package org.orderplatform.web.intake;

import io.github.resilience4j.bulkhead.Bulkhead;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/**
 * Part of readiness: OUT_OF_SERVICE while at least the threshold share of the intake bulkhead is
 * in use, UP again once it drains; the load balancer stops sending to a saturated node meanwhile.
 */
class IntakeHealthIndicator extends AbstractHealthIndicator {

    private final Bulkhead bulkhead;
    private final double threshold;

    IntakeHealthIndicator(Bulkhead bulkhead, double threshold) {
        super("Intake status unavailable");
        this.bulkhead = bulkhead;
        this.threshold = threshold;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        int max = bulkhead.getBulkheadConfig().getMaxConcurrentCalls();
        int inUse = max - bulkhead.getMetrics().getAvailableConcurrentCalls();
        boolean saturated = inUse >= Math.max(1, Math.ceil(threshold * max));
        builder.status(saturated ? Status.OUT_OF_SERVICE : Status.UP)
                .withDetail("inUse", inUse)
                .withDetail("maxConcurrent", max)
                .withDetail("threshold", threshold);
    }
}
