package org.orderplatform.query.health;

import org.orderplatform.eventstore.positions.ProcessorLag;
import org.orderplatform.query.projection.ReadModel;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * Part of readiness: OUT_OF_SERVICE while a read model on this node is more than
 * {@code orders.health.max-projection-lag} events behind (a fresh node replaying, a stuck
 * projection), so that queries go to nodes whose answers are current. A node that serves no
 * queries turns it off ({@code ORDERS_HEALTH_PROJECTION_LAG_READINESS=false}).
 */
@Component("projections")
class ProjectionLagHealthIndicator extends AbstractHealthIndicator {

    private final ProcessorLag lags;
    private final long maxLag;
    private final boolean gatesReadiness;

    ProjectionLagHealthIndicator(
            ProcessorLag lags,
            @Value("${orders.health.max-projection-lag:10000}") long maxLag,
            @Value("${orders.health.projection-lag-readiness:true}") boolean gatesReadiness) {
        super("Projection lag unavailable");
        this.lags = lags;
        this.maxLag = maxLag;
        this.gatesReadiness = gatesReadiness;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        boolean behind = false;
        for (ReadModel model : ReadModel.values()) {
            long lag = lags.lag(model.processingGroup()).orElse(-1);
            builder.withDetail(model.processingGroup(), lag);
            behind |= lag > maxLag;
        }
        builder.withDetail("maxLag", maxLag);
        builder.status(behind && gatesReadiness ? Status.OUT_OF_SERVICE : Status.UP);
    }
}
