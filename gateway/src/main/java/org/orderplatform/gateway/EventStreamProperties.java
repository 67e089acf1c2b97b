package org.orderplatform.gateway;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code orders.gateway.events.*}: an order's events as Server-Sent Events (docs/gateway.md).
 *
 * @param bootstrapServers the Kafka brokers of the events topic; empty: no event streams (503)
 * @param maxStreams streams open at once on this gateway; more are refused with 503
 */
@ConfigurationProperties("orders.gateway.events")
public record EventStreamProperties(
        @DefaultValue("") String bootstrapServers,
        @DefaultValue("orders.events.v1") String topic,
        @DefaultValue("200") int maxStreams,
        @DefaultValue("15s") Duration heartbeat) {}
