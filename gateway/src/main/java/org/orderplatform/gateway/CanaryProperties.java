package org.orderplatform.gateway;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code orders.gateway.canary.*}.
 *
 * @param sharePercent the share of clients sent to canary nodes (0-100), while there are any
 */
@ConfigurationProperties("orders.gateway.canary")
public record CanaryProperties(@DefaultValue("0") double sharePercent) {}
