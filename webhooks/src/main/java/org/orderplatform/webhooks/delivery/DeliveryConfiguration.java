package org.orderplatform.webhooks.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.orderplatform.cluster.Membership;
import org.orderplatform.webhooks.WebhookProperties;
import org.orderplatform.webhooks.relay.RelayProducer;
import org.orderplatform.webhooks.subscriptions.SubscriptionStore;
import org.orderplatform.webhooks.subscriptions.TargetGuard;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.kafka.KafkaConnectionDetails;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;

/** The dispatcher's parts; a node with {@code orders.webhooks.dispatcher.enabled=false} runs none of them. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "orders.webhooks.dispatcher.enabled", matchIfMissing = true)
class DeliveryConfiguration {

    @Bean
    WebhookMetrics webhookMetrics(MeterRegistry meters) {
        return new WebhookMetrics(meters);
    }

    @Bean
    WebhookSender webhookSender(
            TargetGuard guard,
            WebhookProperties properties,
            ObjectProvider<Tracer> tracer,
            ObjectProvider<Propagator> propagator) {
        return new WebhookSender(
                guard,
                properties.dispatcher().timeout(),
                properties.dispatcher().maxInFlight(),
                tracer.getIfAvailable(),
                propagator.getIfAvailable());
    }

    /** Outcomes written in batches; the dispatcher starts and stops it with its workers. */
    @Bean
    OutcomeWriter webhookOutcomeWriter(
            OutcomeStore outcomes,
            SubscriptionStore subscriptions,
            TransactionTemplate transactions,
            WebhookProperties properties,
            WebhookMetrics metrics) {
        var dispatcher = properties.dispatcher();
        // a few batches' worth may wait to be written; beyond that the workers wait for the database
        int capacity = 4 * dispatcher.maxInFlight();
        return new OutcomeWriter(
                new OutcomeRecorder(
                        outcomes,
                        subscriptions,
                        transactions,
                        properties.endpoint().disableAfter(),
                        metrics),
                capacity,
                capacity,
                DeliveryDispatcher.leaseFor(dispatcher.timeout()));
    }

    /** Per endpoint: breaker, rate limiter, bulkhead; breakers opened on one node open on all. */
    @Bean
    EndpointGuards endpointGuards(
            WebhookProperties properties, DeliveryStore store, ObjectProvider<Membership> membership) {
        EndpointGuards guards = new EndpointGuards(properties.endpoint(), store::markHeld);
        membership.ifAvailable(cluster -> BreakerGossip.connect(guards, cluster));
        return guards;
    }

    @Bean
    DeliveryAttempts deliveryAttempts(
            WebhookSender sender,
            WebhookProperties properties,
            WebhookMetrics metrics,
            OutcomeWriter outcomes,
            EndpointGuards guards) {
        var dispatcher = properties.dispatcher();
        return new DeliveryAttempts(
                sender,
                guards,
                new RetryPolicy(dispatcher.retrySchedule(), dispatcher.jitter(), dispatcher.maxRetryAfter()),
                metrics,
                outcomes);
    }

    @Bean
    DeliveryDispatcher deliveryDispatcher(
            DeliveryStore deliveries,
            DeliveryAttempts attempts,
            OutcomeWriter outcomes,
            WebhookProperties properties,
            WebhookMetrics metrics) {
        var dispatcher = properties.dispatcher();
        return new DeliveryDispatcher(
                deliveries,
                attempts,
                outcomes,
                new EndpointLanes(properties.endpoint().maxConcurrency()),
                properties.endpoint().ratePerSecond(),
                dispatcher.maxInFlight(),
                dispatcher.pollInterval(),
                dispatcher.timeout(),
                metrics);
    }

    @Bean
    DispatchConsumer dispatchConsumer(
            KafkaProperties kafka,
            KafkaConnectionDetails connection,
            WebhookProperties properties,
            DeliveryStore deliveries,
            DeliveryDispatcher dispatcher,
            DeliveryAttempts attempts,
            ObjectMapper json,
            WebhookMetrics metrics) {
        Map<String, Object> config = kafka.buildConsumerProperties();
        config.put(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                String.join(",", connection.getConsumer().getBootstrapServers()));
        config.put(ConsumerConfig.GROUP_ID_CONFIG, properties.dispatcher().consumerGroup());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        // offsets move only after the fan-out is committed to PostgreSQL
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // the relay writes in transactions: the records of a batch it aborted are not events
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, properties.dispatcher().maxPollRecords());
        // what the consumer buffers ahead is bounded too (Kafka's default is 50 MB)
        config.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 4 * 1024 * 1024);
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 1024 * 1024);
        return new DispatchConsumer(
                config,
                properties.topic(),
                deliveries,
                dispatcher,
                json,
                metrics,
                properties.dispatcher().pauseAt(),
                properties.dispatcher().resumeAt(),
                attempts::brokenEndpoints);
    }

    @Bean("webhooks")
    DispatcherHealth webhooksHealth(DispatchConsumer consumer, DeliveryDispatcher dispatcher, WebhookMetrics metrics) {
        return new DispatcherHealth(consumer, dispatcher, metrics);
    }

    @Bean
    DeadLetterPublisher deadLetterPublisher(
            WebhookDeadLetters deadLetters,
            RelayProducer producer,
            TransactionTemplate transactions,
            ObjectMapper json,
            WebhookProperties properties,
            WebhookMetrics metrics) {
        return new DeadLetterPublisher(deadLetters, producer, transactions, json, properties.dlqTopic(), metrics);
    }
}
