package org.orderplatform.webhooks.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The dispatcher's meters: {@code orders.webhooks.deliveries} by outcome (delivered, retry, dead,
 * held), {@code orders.webhooks.attempts} by result with their latency, the dead-letter count,
 * the consumer's lag and pause state, attempts in flight.
 */
class WebhookMetrics {

    private final MeterRegistry meters;
    private final AtomicLong deadLetters = new AtomicLong();
    private final AtomicLong consumerLag = new AtomicLong();
    private final AtomicLong consumerPaused = new AtomicLong();

    WebhookMetrics(MeterRegistry meters) {
        this.meters = meters;
        Gauge.builder("orders.webhooks.dlq.size", deadLetters, AtomicLong::get)
                .description("Dead webhook deliveries waiting for a redrive")
                .register(meters);
        Gauge.builder("orders.webhooks.consumer.lag", consumerLag, AtomicLong::get)
                .description("Events on the topic not yet fanned out into deliveries (partitions of this node)")
                .register(meters);
        Gauge.builder("orders.webhooks.consumer.paused", consumerPaused, AtomicLong::get)
                .description("1 while the consumer is paused because too many deliveries wait")
                .register(meters);
    }

    void inFlight(Object source, java.util.function.ToDoubleFunction<Object> value) {
        Gauge.builder("orders.webhooks.in_flight", source, value)
                .description("Webhook attempts in progress on this node")
                .register(meters);
    }

    void outcome(String outcome) {
        Counter.builder("orders.webhooks.deliveries")
                .tag("outcome", outcome)
                .register(meters)
                .increment();
    }

    void attempt(AttemptResult result) {
        String status = result.statusCode() == null ? "none" : (result.statusCode() / 100) + "xx";
        Timer.builder("orders.webhooks.attempts")
                .description("Webhook POSTs and how long they took")
                .tag("result", result.succeeded() ? "success" : "failure")
                .tag("status", status)
                .publishPercentileHistogram()
                .register(meters)
                .record(result.latencyMs(), TimeUnit.MILLISECONDS);
    }

    long consumerLag() {
        return consumerLag.get();
    }

    long deadLetterCount() {
        return deadLetters.get();
    }

    void deadLetters(long count) {
        deadLetters.set(count);
    }

    void consumer(long lag, boolean paused) {
        consumerLag.set(lag);
        consumerPaused.set(paused ? 1 : 0);
    }
}
