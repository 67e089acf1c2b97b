package org.orderplatform.webhooks.delivery;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * The dispatcher's state in health ({@code webhooks}): whether the consumer is paused by
 * backpressure (and how often it was), attempts in flight, outcomes not yet written, the
 * consumer's lag, dead letters.
 * Reported, never failing: a slow subscriber must not take the node out of service.
 */
class DispatcherHealth extends AbstractHealthIndicator {

    private final DispatchConsumer consumer;
    private final DeliveryDispatcher dispatcher;
    private final WebhookMetrics metrics;

    DispatcherHealth(DispatchConsumer consumer, DeliveryDispatcher dispatcher, WebhookMetrics metrics) {
        super("Webhook dispatcher status unavailable");
        this.consumer = consumer;
        this.dispatcher = dispatcher;
        this.metrics = metrics;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.up()
                .withDetail("consuming", consumer.consuming())
                .withDetail("consumerPaused", consumer.paused())
                .withDetail("pauses", consumer.pauses())
                .withDetail("resumes", consumer.resumes())
                .withDetail("consumerLag", metrics.consumerLag())
                .withDetail("inFlight", dispatcher.inFlight())
                .withDetail("mostInFlight", dispatcher.mostInFlight())
                .withDetail("maxInFlight", dispatcher.maxInFlight())
                .withDetail("outcomesToWrite", dispatcher.outcomesToWrite())
                .withDetail("deadLetters", metrics.deadLetterCount());
    }
}
