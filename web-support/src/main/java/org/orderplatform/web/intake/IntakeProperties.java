package org.orderplatform.web.intake;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param maxConcurrent changes handled at once per node; keep it at or below the database pool
 *     (each holds a connection), so requests never wait for one
 * @param retryAfter what a refused request is told to wait
 * @param readinessThreshold share of {@code maxConcurrent} in use at which readiness goes DOWN
 */
@ConfigurationProperties("orders.intake")
public record IntakeProperties(
        @DefaultValue("16") int maxConcurrent,
        @DefaultValue("1s") Duration retryAfter,
        @DefaultValue("0.9") double readinessThreshold) {}
