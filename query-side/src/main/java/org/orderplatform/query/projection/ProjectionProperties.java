package org.orderplatform.query.projection;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code orders.projections.*}.
 *
 * @param initialPosition where a projection without a token starts: {@code tail} (the first event:
 *     the read model covers all history) or {@code head} (only events from now on)
 * @param consistencyTimeout how long a query with {@code X-Consistency-Token} waits for the read model
 * @param consistencyPollInterval how often it looks while waiting
 */
@ConfigurationProperties("orders.projections")
public record ProjectionProperties(
        InitialPosition initialPosition, Duration consistencyTimeout, Duration consistencyPollInterval) {

    public ProjectionProperties {
        initialPosition = initialPosition == null ? InitialPosition.TAIL : initialPosition;
        consistencyTimeout = consistencyTimeout == null ? Duration.ofSeconds(2) : consistencyTimeout;
        consistencyPollInterval = consistencyPollInterval == null ? Duration.ofMillis(20) : consistencyPollInterval;
    }

    public enum InitialPosition {
        TAIL,
        HEAD
    }
}
