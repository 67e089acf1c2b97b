package org.orderplatform.webhooks.relay;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.orderplatform.eventstore.processing.StreamProcessor;
import org.orderplatform.webhooks.WebhookProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.kafka.KafkaConnectionDetails;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RelayConfiguration {

    /** Created at startup by Spring's KafkaAdmin when missing (left alone when present). */
    @Bean
    NewTopic integrationEventsTopic(WebhookProperties properties) {
        return topic(properties.topic(), properties);
    }

    @Bean
    NewTopic webhookDeadLetterTopic(WebhookProperties properties) {
        return topic(properties.dlqTopic(), properties);
    }

    /** Replicas and the write quorum as configured, else as the brokers' defaults say. */
    private static NewTopic topic(String name, WebhookProperties properties) {
        NewTopic topic = new NewTopic(
                name, Optional.of(properties.partitions()), Optional.ofNullable(properties.replicationFactor()));
        if (properties.minInsyncReplicas() != null) {
            topic.configs(
                    Map.of("min.insync.replicas", properties.minInsyncReplicas().toString()));
        }
        return topic;
    }

    /** Idempotent, acks=all: the dead-letter publisher's producer (the relay has its own). */
    @Bean
    RelayProducer relayProducer(
            KafkaProperties kafka, KafkaConnectionDetails connection, WebhookProperties properties) {
        return new RelayProducer(
                producerConfig(kafka, connection, properties),
                properties.relay().sendTimeout());
    }

    /** The relay's transactional producers, one per segment (transactional.id per topic and segment). */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "orders.webhooks.relay.enabled", matchIfMissing = true)
    SegmentProducers relaySegmentProducers(
            KafkaProperties kafka, KafkaConnectionDetails connection, WebhookProperties properties) {
        Map<String, Object> config = producerConfig(kafka, connection, properties);
        // initTransactions and commitTransaction wait this long too: a commit waits for the batch
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int)
                properties.relay().sendTimeout().toMillis());
        return new SegmentProducers(
                config, "orders-relay-" + properties.topic() + "-", KafkaProducer::new, Duration.ofSeconds(5));
    }

    static Map<String, Object> producerConfig(
            KafkaProperties kafka, KafkaConnectionDetails connection, WebhookProperties properties) {
        Map<String, Object> config = kafka.buildProducerProperties();
        config.put(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                String.join(",", connection.getProducer().getBootstrapServers()));
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        // idempotent: a retried send is written once, in order, per partition
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        // Consumers outside the platform read these batches as they are: a codec their client
        // lacks fails them (a stock kafkajs has no LZ4), so the default is gzip, which all read.
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, properties.relay().compression());
        // Bounded waits: with the broker gone the batch fails within these, the transaction
        // rolls back and the processor tries again later; nothing blocks for long.
        long sendTimeout = properties.relay().sendTimeout().toMillis();
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) sendTimeout);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(1000, sendTimeout / 2));
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int)
                properties.relay().metadataTimeout().toMillis());
        return config;
    }

    /**
     * Reads the topic for the relay when a batch may be sent again (read committed, no group: it
     * only ever reads the last minutes, by time).
     */
    @Bean
    @ConditionalOnProperty(name = "orders.webhooks.relay.enabled", matchIfMissing = true)
    TopicTail relayTopicTail(KafkaProperties kafka, KafkaConnectionDetails connection, WebhookProperties properties) {
        // the client settings (security, ...) the platform's other consumers have, but no group
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                String.join(",", connection.getConsumer().getBootstrapServers()));
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "relay-topic-tail");
        Duration timeout = properties.relay().sendTimeout();
        config.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(1000, timeout.toMillis() / 2));
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        Map<String, Object> watermarks = new HashMap<>(config);
        watermarks.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        watermarks.put(ConsumerConfig.CLIENT_ID_CONFIG, "relay-topic-tail-watermarks");
        return new TopicTail(
                new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer()),
                new KafkaConsumer<>(watermarks, new StringDeserializer(), new ByteArrayDeserializer()),
                properties.topic(),
                timeout);
    }

    @Bean
    @ConditionalOnProperty(name = "orders.webhooks.relay.enabled", matchIfMissing = true)
    KafkaRelay kafkaRelay(
            SegmentProducers relaySegmentProducers,
            ObjectMapper json,
            WebhookProperties properties,
            TopicTail relayTopicTail) {
        return new KafkaRelay(relaySegmentProducers, json, properties.topic(), relayTopicTail, Clock.systemUTC());
    }

    /**
     * The relay's processor (the event-store module tunes and registers it). It never skips an
     * event: a failure stops its segment and is retried; a failed batch aborts its work package
     * and its token stays. It starts at the first event in the store; events of one order (and
     * its payment) keep their order.
     */
    @Bean
    @ConditionalOnProperty(name = "orders.webhooks.relay.enabled", matchIfMissing = true)
    StreamProcessor relayProcessor() {
        return StreamProcessor.relay(KafkaRelay.PROCESSING_GROUP, new OrderSequencingPolicy());
    }
}
