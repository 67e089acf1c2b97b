package org.orderplatform.benchmarks;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.orderplatform.api.order.OrderLine;
import org.orderplatform.api.order.OrderPlaced;
import org.orderplatform.api.order.ShippingAddress;
import org.springframework.boot.autoconfigure.kafka.KafkaConnectionDetails;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * End-to-end webhook throughput, against a plain Kafka consumer doing the same POSTs.
 *
 * <p>Starts the platform (embedded PostgreSQL and Kafka, fresh) and a receiver on loopback that
 * answers 204 at once, subscribes it to {@code order.placed}, then: (1) the platform: appends
 * {@code events} OrderPlaced events to the event store and times them from the first append until
 * every delivery is DELIVERED (relay to Kafka, fan-out into PostgreSQL, claim, signed POST, outcome
 * and attempt written); (2) the baseline: a plain consumer reads the same records from the topic
 * and POSTs each, signed the same way, from the same number of threads, committing offsets per
 * batch: no delivery state, no retries, no log. Prints events/s of both and the ratio.
 *
 * <p>Run: {@code mvn -q package -DskipTests && java -jar benchmarks/target/benchmarks.jar webhooks [events]}
 * (default 5,000).
 */
final class WebhookThroughputBenchmark {

    private static final int CONCURRENCY = 8;
    private static final String KEY = "benchmark";

    private WebhookThroughputBenchmark() {}

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        AtomicLong received = new AtomicLong();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        receiver.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            received.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.setExecutor(Executors.newFixedThreadPool(CONCURRENCY * 2));
        receiver.start();
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks";
        ConfigurableApplicationContext app = BenchmarkPlatform.start(
                "--orders.fulfilment.enabled=false",
                "--orders.admin.api-key=" + KEY,
                "--orders.throttling.enabled=false",
                "--orders.webhooks.dispatcher.max-in-flight=" + CONCURRENCY,
                "--orders.webhooks.endpoint.max-concurrency=" + CONCURRENCY,
                "--orders.webhooks.endpoint.rate-per-second=1000000");
        try {
            int port = BenchmarkPlatform.port(app);
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            String secret = subscribe(port, url);
            System.out.printf(
                    Locale.ROOT,
                    "%nWebhook throughput: %,d events, %d concurrent POSTs to a loopback receiver; %d cores, Java %s%n",
                    events,
                    CONCURRENCY,
                    Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"));

            long start = System.nanoTime();
            append(app.getBean(EventStore.class), events);
            double appended = seconds(start);
            double fannedOut = 0;
            double relayed = 0;
            long head =
                    app.getBean(EventStore.class).createHeadToken().position().orElseThrow();
            StreamingEventProcessor relay = app.getBean(EventProcessingConfiguration.class)
                    .eventProcessor("kafka-relay", StreamingEventProcessor.class)
                    .orElseThrow();
            while (delivered(jdbc) < events) {
                if (relayed == 0
                        && relay.processingStatus().values().stream()
                                .allMatch(status -> status.getCurrentPosition().orElse(0) >= head)) {
                    relayed = seconds(start);
                }
                if (fannedOut == 0 && created(jdbc) >= events) {
                    fannedOut = seconds(start);
                }
                LockSupport.parkNanos(10_000_000);
            }
            double platform = events / seconds(start);
            System.out.printf(
                    Locale.ROOT,
                    "platform timeline: appended %.2f s, on Kafka %.2f s, deliveries created %.2f s, delivered %.2f s%n",
                    appended,
                    relayed,
                    fannedOut,
                    seconds(start));

            received.set(0);
            String bootstrap =
                    String.join(",", app.getBean(KafkaConnectionDetails.class).getBootstrapServers());
            long baselineStart = System.nanoTime();
            consumeAndPost(bootstrap, url, secret, events);
            double baseline = events / seconds(baselineStart);
            if (received.get() < events) {
                throw new IllegalStateException("baseline delivered only " + received.get());
            }

            System.out.printf(Locale.ROOT, "%-58s %,10.0f events/s%n", "baseline: plain consumer + POST", baseline);
            System.out.printf(
                    Locale.ROOT,
                    "%-58s %,10.0f events/s  %.3fx of baseline%n%n",
                    "platform: append -> relay -> fan-out -> signed POST -> logged",
                    platform,
                    platform / baseline);
        } finally {
            app.close();
            receiver.stop(0);
        }
        System.exit(0);
    }

    private static String subscribe(int port, String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/webhook-subscriptions"))
                                .header("Content-Type", "application/json")
                                .header("X-API-Key", KEY)
                                .header("Idempotency-Key", UUID.randomUUID().toString())
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"url\":\"" + url + "\",\"eventTypes\":[\"order.placed\"]}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("subscription answered " + response.statusCode() + " " + response.body());
        }
        return response.body().replaceAll(".*\"secret\":\"([^\"]+)\".*", "$1");
    }

    private static void append(EventStore store, int events) {
        List<DomainEventMessage<?>> batch = new ArrayList<>(1_000);
        ShippingAddress address =
                new ShippingAddress("Recipient", "1 Benchmark Street", null, "Berlin", null, "10117", "DE");
        for (int i = 0; i < events; i++) {
            String id = UUID.randomUUID().toString();
            List<OrderLine> lines = List.of(new OrderLine("SKU-" + (i % 100), 1, 1_000));
            batch.add(new GenericDomainEventMessage<>(
                    "Order",
                    id,
                    0,
                    new OrderPlaced(id, "customer-" + (i % 1_000), "EUR", lines, address, 1_000, null)));
            if (batch.size() == 1_000) {
                store.publish(batch);
                batch.clear();
            }
        }
        store.publish(batch);
    }

    private static long created(JdbcTemplate jdbc) {
        return jdbc.queryForObject("SELECT count(*) FROM webhook_delivery", Long.class);
    }

    private static long delivered(JdbcTemplate jdbc) {
        return jdbc.queryForObject("SELECT count(*) FROM webhook_delivery WHERE status = 'DELIVERED'", Long.class);
    }

    /** The baseline: read the topic, POST each record (signed), commit after each batch. */
    private static void consumeAndPost(String bootstrap, String url, String secret, int events) throws Exception {
        HttpClient client = HttpClient.newBuilder()
                .executor(Executors.newFixedThreadPool(CONCURRENCY))
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        ExecutorService posters = Executors.newFixedThreadPool(CONCURRENCY);
        byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG,
                "baseline-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class))) {
            consumer.subscribe(List.of("orders.events.v1"));
            int done = 0;
            while (done < events) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
                List<Future<?>> posts = new ArrayList<>();
                for (ConsumerRecord<String, String> record : records) {
                    posts.add(posters.submit(() -> post(client, url, key, record.value())));
                }
                for (Future<?> post : posts) {
                    post.get();
                }
                consumer.commitSync();
                done += records.count();
            }
        } finally {
            posters.shutdownNow();
        }
    }

    private static Void post(HttpClient client, String url, byte[] key, String body) throws Exception {
        String id = body.replaceAll("^\\{\"id\":\"([^\"]+)\".*", "$1");
        long timestamp = Instant.now().getEpochSecond();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        String signature = Base64.getEncoder()
                .encodeToString(mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        HttpResponse<Void> response = client.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/json")
                        .header("webhook-id", id)
                        .header("webhook-timestamp", Long.toString(timestamp))
                        .header("webhook-signature", "v1," + signature)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("receiver answered " + response.statusCode());
        }
        return null;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
