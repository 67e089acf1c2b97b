package org.orderplatform.gateway;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code orders.gateway.canary.*} (docs/canary.md).
 *
 * @param sharePercent the share of clients sent to canary nodes (0-100) at start
 * @param stages the shares {@code promote} steps through
 * @param window how far back the canary's and stable's answers are compared
 * @param minSamples answers each track needs in the window before they are compared
 * @param errorMargin roll back when the canary's error rate exceeds stable's by this much (0.05: five points)
 * @param latencyFactor roll back when the canary's p99 exceeds stable's this many times over...
 * @param latencyMargin ...and by at least this much (a few milliseconds are noise)
 */
@ConfigurationProperties("orders.gateway.canary")
public record CanaryProperties(
        @DefaultValue("0") double sharePercent,
        @DefaultValue({"1", "5", "25", "50", "100"}) List<Double> stages,
        @DefaultValue("60s") Duration window,
        @DefaultValue("20") int minSamples,
        @DefaultValue("0.05") double errorMargin,
        @DefaultValue("2.0") double latencyFactor,
        @DefaultValue("100ms") Duration latencyMargin) {}
