package org.orderplatform.gateway;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code orders.gateway.limits.*}: what the edge refuses before a node spends anything on it.
 *
 * @param requestsPerClient requests a client (an API key, else an address) may send per
 *     {@code period}, refilled continuously; coarse: the nodes keep the exact, shared limits
 * @param maxRequestBody a declared body larger than this is refused (413)
 */
@ConfigurationProperties("orders.gateway.limits")
public record EdgeLimitProperties(
        @DefaultValue("12000") long requestsPerClient,
        @DefaultValue("1m") Duration period,
        @DefaultValue("256KB") DataSize maxRequestBody) {}
