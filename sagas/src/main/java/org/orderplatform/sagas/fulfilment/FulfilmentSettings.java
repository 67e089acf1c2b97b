package org.orderplatform.sagas.fulfilment;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code orders.fulfilment.*}. ({@code orders.fulfilment.enabled}, read by the saga's condition,
 * turns fulfilment off on a node.)
 *
 * @param paymentTimeout how long an order waits for a payment authorization before it is cancelled
 * @param paymentRetryInterval the wait before asking an unreachable provider again
 */
@ConfigurationProperties("orders.fulfilment")
public record FulfilmentSettings(Duration paymentTimeout, Duration paymentRetryInterval) {

    public FulfilmentSettings {
        paymentTimeout = paymentTimeout == null ? Duration.ofMinutes(15) : paymentTimeout;
        paymentRetryInterval = paymentRetryInterval == null ? Duration.ofSeconds(30) : paymentRetryInterval;
    }
}
