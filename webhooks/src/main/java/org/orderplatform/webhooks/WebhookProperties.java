package org.orderplatform.webhooks;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the relay and the webhook dispatcher ({@code orders.webhooks.*}; every one has an
 * environment variable, see docs/configuration.md).
 *
 * @param topic the integration events' topic
 * @param dlqTopic where dead deliveries are published
 * @param partitions partitions of the topics when this application creates them
 * @param replicationFactor replicas of the topics when this application creates them; null: the
 *     brokers' default
 * @param minInsyncReplicas replicas a write to those topics needs (acks=all); null: the brokers' default
 * @param allowPrivateTargets whether subscription URLs may point at loopback, private or
 *     link-local addresses (local development and tests only: otherwise a subscriber could make
 *     the platform call into its own network)
 * @param requireHttps whether subscription URLs must be https
 * @param secretRotationOverlap how long the previous secret still signs after a rotation
 */
@ConfigurationProperties("orders.webhooks")
public record WebhookProperties(
        @DefaultValue("orders.events.v1") String topic,
        @DefaultValue("orders.webhooks.dlq") String dlqTopic,
        @DefaultValue("6") int partitions,
        Short replicationFactor,
        Integer minInsyncReplicas,
        @DefaultValue("false") boolean allowPrivateTargets,
        @DefaultValue("true") boolean requireHttps,
        @DefaultValue("24h") Duration secretRotationOverlap,
        @DefaultValue Relay relay,
        @DefaultValue Dispatcher dispatcher,
        @DefaultValue Endpoint endpoint) {

    /**
     * @param enabled whether this node relays the event store to Kafka (one processor, its
     *     segments shared by the nodes that run it)
     * @param sendTimeout how long a send may wait for the broker before the batch fails and is
     *     retried (the token does not move)
     * @param compression the codec of the record batches the platform produces ({@code gzip},
     *     {@code none}, or another Kafka codec): consumers must be able to read it, and gzip is one
     *     every common client reads
     */
    public record Relay(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("8s") Duration sendTimeout,
            @DefaultValue("4s") Duration metadataTimeout,
            @DefaultValue("gzip") String compression) {}

    /**
     * @param enabled whether this node consumes the topic and sends webhooks
     * @param consumerGroup Kafka consumer group of the dispatchers
     * @param timeout per attempt: no answer within it is a failure
     * @param retrySchedule waits before the second, third, ... attempt; after the last, the delivery is dead
     * @param jitter each wait is moved by up to this fraction either way (so retries spread out)
     * @param maxRetryAfter the longest {@code Retry-After} honoured
     * @param maxInFlight attempts in progress on this node at most
     * @param pollInterval how often an idle dispatcher looks for due deliveries
     * @param maxPollRecords Kafka records fanned out per batch
     * @param pauseAt deliveries waiting for their first attempt at which the consumer pauses its partitions
     * @param resumeAt deliveries waiting for their first attempt at which it resumes
     */
    public record Dispatcher(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("webhook-dispatcher") String consumerGroup,
            @DefaultValue("15s") Duration timeout,

            @DefaultValue({"5s", "5m", "30m", "2h", "5h", "10h", "10h"})
            List<Duration> retrySchedule,

            @DefaultValue("0.2") double jitter,
            @DefaultValue("1h") Duration maxRetryAfter,
            @DefaultValue("32") int maxInFlight,
            @DefaultValue("250ms") Duration pollInterval,
            @DefaultValue("200") int maxPollRecords,
            @DefaultValue("2000") int pauseAt,
            @DefaultValue("1000") int resumeAt) {}

    /**
     * Protection of each subscriber endpoint from us, and of us from it.
     *
     * @param maxConcurrency attempts to one endpoint at once, per node
     * @param ratePerSecond attempts to one endpoint per second, per node
     * @param breakerFailureRate percentage of failed attempts that opens the endpoint's breaker:
     *     high, so that an endpoint that is down is held back, while one that merely fails now and
     *     then keeps getting its deliveries (retries take care of those)
     * @param breakerWindow attempts the failure rate is taken over
     * @param breakerMinimumAttempts attempts in the window before the rate counts
     * @param breakerTrialAttempts attempts let through once the open time is up; the breaker closes
     *     unless they fail at the failure rate too
     * @param breakerOpenFor how long an open breaker holds deliveries back before trying again
     * @param disableAfter an endpoint failing without a single success for this long is disabled
     */
    public record Endpoint(
            @DefaultValue("4") int maxConcurrency,
            @DefaultValue("50") int ratePerSecond,
            @DefaultValue("90") float breakerFailureRate,
            @DefaultValue("20") int breakerWindow,
            @DefaultValue("10") int breakerMinimumAttempts,
            @DefaultValue("3") int breakerTrialAttempts,
            @DefaultValue("30s") Duration breakerOpenFor,
            @DefaultValue("5d") Duration disableAfter) {}
}
