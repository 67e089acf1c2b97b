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
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.orderplatform.api.order.OrderLine;
import org.orderplatform.api.order.OrderPlaced;
import org.orderplatform.api.order.ShippingAddress;
import org.springframework.boot.autoconfigure.jdbc.JdbcConnectionDetails;
import org.springframework.boot.autoconfigure.kafka.KafkaConnectionDetails;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * End-to-end webhook throughput, against a plain Kafka consumer doing the same POSTs.
 *
 * <p>Starts the platform (embedded PostgreSQL and Kafka, fresh) and a receiver on loopback that
 * answers 204 at once, subscribes it to {@code order.placed}, then measures two cases, each against
 * its own baseline run right after it (same records, same machine state):
 *
 * <ol>
 *   <li><b>live</b>: appends {@code events} OrderPlaced events to the event store and times them
 *       from the first append until every delivery is DELIVERED (relay to Kafka, fan-out into
 *       PostgreSQL, claim, signed POST, outcome and attempt written);
 *   <li><b>backlog drain</b>: pauses the subscription, appends {@code events} more and waits until
 *       they are on Kafka, their deliveries wait in the table and every processor has caught up
 *       (an otherwise idle platform), then resumes it and times from the resume until every one
 *       is DELIVERED.
 * </ol>
 *
 * <p>The baseline: a plain consumer reads the same records from the topic and POSTs each, signed
 * the same way, from the same number of threads, committing offsets per batch: no delivery
 * state, no retries, no log. Prints events/s of both and the ratio, per case.
 *
 * <p>A first round of both cases with half as many events is not measured: it warms the JIT up
 * for the platform's paths and the baseline's alike, so that neither pays for compilation in
 * the measured round (on two cores the compiler takes most of one while code is new).
 *
 * <p>Run: {@code mvn -q package -DskipTests && java -jar benchmarks/target/benchmarks.jar webhooks [events]
 * [--setting=value ...]} (default 5,000 events; settings replace the benchmark's, e.g.
 * {@code --orders.webhooks.endpoint.max-concurrency=4} for the default endpoint limit, and
 * {@code --receiver-latency-ms=20} makes the receiver answer after 20 ms instead of at once, and
 * {@code --warm-up-events=0} measures a cold platform).
 */
final class WebhookThroughputBenchmark {

    private static final int CONCURRENCY = 8;
    private static final String KEY = BenchmarkPlatform.KEY;
    private static final String TOPIC = "orders.events.v1";
    private static final String RECEIVER_LATENCY = "receiver-latency-ms";
    private static final String WARM_UP_EVENTS = "warm-up-events";

    private WebhookThroughputBenchmark() {}

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) { // --name=value after the event count
            String[] setting = args[i].replaceFirst("^--", "").split("=", 2);
            options.put(setting[0], setting[1]);
        }
        double[] rates = measure(events, options);
        System.out.println();
        report("live", rates[0], rates[1]);
        report("backlog drain", rates[2], rates[3]);
        System.out.println();
        System.exit(0);
    }

    /** R5 of {@code all}: both cases at the benchmark's settings, a row each. */
    static void run(Sizes sizes, Table table) throws Exception {
        double[] rates = measure(sizes.webhookEvents(), Map.of());
        table.add(Row.rate("R5", "append -> webhook delivered, live", rates[0], rates[1], "events/s", 0.8));
        table.add(Row.rate("R5", "append -> webhook delivered, backlog drain", rates[2], rates[3], "events/s", 0.8));
    }

    /**
     * Both cases after a warm-up round, on a platform of their own; {@code options} replace the
     * benchmark's settings. Returns {live, live baseline, drain, drain baseline} in events/s.
     */
    private static double[] measure(int events, Map<String, String> options) throws Exception {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("orders.fulfilment.enabled", "false");
        settings.put("orders.throttling.enabled", "false");
        settings.put("orders.webhooks.dispatcher.max-in-flight", Integer.toString(CONCURRENCY));
        settings.put("orders.webhooks.endpoint.max-concurrency", Integer.toString(CONCURRENCY));
        settings.put("orders.webhooks.endpoint.rate-per-second", "1000000");
        settings.putAll(options);
        // the receiver's answer time (both the platform and the baseline wait for it)
        long latencyMs = Long.parseLong(settings.getOrDefault(RECEIVER_LATENCY, "0"));
        // a first, unmeasured round: the JIT compiles the platform's paths (and the baseline's)
        int warmUpEvents = Integer.parseInt(settings.getOrDefault(WARM_UP_EVENTS, Integer.toString(events / 2)));
        AtomicLong received = new AtomicLong();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        receiver.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            if (latencyMs > 0) {
                LockSupport.parkNanos(latencyMs * 1_000_000);
            }
            received.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        ExecutorService receiverThreads = Executors.newFixedThreadPool(CONCURRENCY * 2);
        receiver.setExecutor(receiverThreads);
        receiver.start();
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks";
        ConfigurableApplicationContext app = BenchmarkPlatform.start(settings.entrySet().stream()
                .filter(setting -> !setting.getKey().equals(RECEIVER_LATENCY)
                        && !setting.getKey().equals(WARM_UP_EVENTS))
                .map(setting -> "--" + setting.getKey() + "=" + setting.getValue())
                .toArray(String[]::new));
        try {
            Platform platform = new Platform(app, received);
            String[] subscription = subscribe(platform.port, url);
            String id = subscription[0];
            String secret = subscription[1];
            System.out.printf(
                    Locale.ROOT,
                    "%nWebhook throughput: %,d events per case, %d concurrent POSTs to a loopback receiver; %d cores, Java %s%n"
                            + "settings: %s%ndatabase (to watch it while it runs): %s%n",
                    events,
                    CONCURRENCY,
                    Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"),
                    settings,
                    app.getBean(JdbcConnectionDetails.class).getJdbcUrl());

            if (warmUpEvents > 0) {
                long warmUp = System.nanoTime();
                round(platform, url, id, secret, warmUpEvents, false);
                System.out.printf(
                        Locale.ROOT,
                        "warm-up: both cases and their baselines with %,d events, %.1f s (not measured)%n",
                        warmUpEvents,
                        seconds(warmUp));
            }
            return round(platform, url, id, secret, events, true);
        } finally {
            app.close();
            receiver.stop(0);
            receiverThreads.shutdownNow();
        }
    }

    /**
     * The live case, then the backlog drain, each followed by its baseline; returns {live,
     * live baseline, drain, drain baseline} in events/s, and prints the timelines when asked.
     */
    private static double[] round(Platform platform, String url, String id, String secret, int events, boolean print)
            throws Exception {
        AtomicLong received = platform.received;
        // (1) live: from the first append until every delivery is DELIVERED
        long rows = platform.rows();
        long delivered = platform.delivered();
        Map<TopicPartition, Long> liveFrom = platform.topicEnd();
        received.set(0);
        LocalTime liveClock = LocalTime.now();
        long start = System.nanoTime();
        platform.append(events);
        double appended = seconds(start);
        double[] relayedAndCreated = platform.awaitRelayedAndCreated(start, rows + events);
        platform.awaitDelivered(events, delivered + events);
        double live = events / seconds(start);
        if (print) {
            System.out.printf(
                    Locale.ROOT,
                    "live timeline (from %s): appended %.2f s, on Kafka %.2f s, deliveries created %.2f s,"
                            + " delivered %.2f s%n",
                    liveClock,
                    appended,
                    relayedAndCreated[0],
                    relayedAndCreated[1],
                    events / live);
        }
        double liveBaseline = baseline(platform, received, url, secret, liveFrom, events);

        // (2) backlog drain: deliveries (and their records) wait while the subscription is paused
        platform.call("pause", id);
        Map<TopicPartition, Long> drainFrom = platform.topicEnd();
        long appendStart = System.nanoTime();
        platform.append(events);
        double[] waiting = platform.awaitRelayedAndCreated(appendStart, rows + 2L * events);
        // the drain starts on an otherwise idle platform, as the baseline runs on one
        double idle = platform.awaitProcessorsCaughtUp(appendStart);
        received.set(0);
        LocalTime drainClock = LocalTime.now();
        long resumed = System.nanoTime();
        platform.call("resume", id);
        double firstDelivered = platform.awaitReceived(1, resumed);
        platform.awaitDelivered(events, delivered + 2L * events);
        double drain = events / seconds(resumed);
        if (print) {
            System.out.printf(
                    Locale.ROOT,
                    "drain timeline: (paused: on Kafka %.2f s, deliveries waiting %.2f s, every processor caught up"
                            + " %.2f s after the first append); after the resume (at %s): first POST %.2f s,"
                            + " delivered %.2f s%n",
                    waiting[0],
                    waiting[1],
                    idle,
                    drainClock,
                    firstDelivered,
                    events / drain);
        }
        double drainBaseline = baseline(platform, received, url, secret, drainFrom, events);
        return new double[] {live, liveBaseline, drain, drainBaseline};
    }

    private static void report(String name, double platform, double baseline) {
        System.out.printf(
                Locale.ROOT, "%-14s %-44s %,10.0f events/s%n", name, "baseline: plain consumer + POST", baseline);
        System.out.printf(
                Locale.ROOT,
                "%-14s %-44s %,10.0f events/s  %.3fx of baseline%n",
                name,
                "platform: relay -> fan-out -> signed POST -> logged",
                platform,
                platform / baseline);
    }

    private static double baseline(
            Platform platform,
            AtomicLong received,
            String url,
            String secret,
            Map<TopicPartition, Long> from,
            int events)
            throws Exception {
        received.set(0);
        long start = System.nanoTime();
        consumeAndPost(platform.bootstrap, url, secret, from, events);
        double rate = events / seconds(start);
        if (received.get() < events) {
            throw new IllegalStateException("baseline delivered only " + received.get());
        }
        return rate;
    }

    /** The platform under test, and what the benchmark reads of it. */
    private static final class Platform {
        final int port;
        final String bootstrap;
        final JdbcTemplate jdbc;
        final EventStore store;
        final StreamingEventProcessor relay;
        final List<StreamingEventProcessor> processors;
        final AtomicLong received;

        Platform(ConfigurableApplicationContext app, AtomicLong received) {
            this.port = BenchmarkPlatform.port(app);
            this.bootstrap =
                    String.join(",", app.getBean(KafkaConnectionDetails.class).getBootstrapServers());
            this.jdbc = app.getBean(JdbcTemplate.class);
            this.store = app.getBean(EventStore.class);
            EventProcessingConfiguration processing = app.getBean(EventProcessingConfiguration.class);
            this.relay = processing
                    .eventProcessor("kafka-relay", StreamingEventProcessor.class)
                    .orElseThrow();
            this.processors = processing.eventProcessors().values().stream()
                    .filter(StreamingEventProcessor.class::isInstance)
                    .map(StreamingEventProcessor.class::cast)
                    .toList();
            this.received = received;
        }

        void append(int events) {
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

        /**
         * Seconds from {@code start} until the relay has passed the store's head, and until
         * {@code deliveries} rows exist. The table is counted at most every 50 ms, so that the
         * benchmark's own queries take little from the platform it measures.
         */
        double[] awaitRelayedAndCreated(long start, long deliveries) {
            long head = store.createHeadToken().position().orElseThrow();
            double relayed = 0;
            double created = 0;
            long nextCount = 0;
            while (relayed == 0 || created == 0) {
                if (relayed == 0
                        && relay.processingStatus().values().stream()
                                .allMatch(status -> status.getCurrentPosition().orElse(0) >= head)) {
                    relayed = seconds(start);
                }
                if (created == 0 && System.nanoTime() >= nextCount) {
                    if (jdbc.queryForObject("SELECT count(*) FROM webhook_delivery", Long.class) >= deliveries) {
                        created = seconds(start);
                    }
                    nextCount = System.nanoTime() + 50_000_000;
                }
                LockSupport.parkNanos(5_000_000);
            }
            return new double[] {relayed, created};
        }

        long rows() {
            return jdbc.queryForObject("SELECT count(*) FROM webhook_delivery", Long.class);
        }

        long delivered() {
            return jdbc.queryForObject("SELECT count(*) FROM webhook_delivery WHERE status = 'DELIVERED'", Long.class);
        }

        /** Seconds from {@code start} until every streaming processor (read models too) has reached the head. */
        double awaitProcessorsCaughtUp(long start) {
            long head = store.createHeadToken().position().orElseThrow();
            awaitCheaply(() -> processors.stream()
                    .allMatch(processor -> processor.processingStatus().values().stream()
                            .allMatch(status -> status.getCurrentPosition().orElse(0) >= head)));
            return seconds(start);
        }

        /** Seconds from {@code start} until the receiver got {@code requests} POSTs. */
        double awaitReceived(long requests, long start) {
            awaitCheaply(() -> received.get() >= requests);
            return seconds(start);
        }

        /**
         * Until {@code deliveries} rows are DELIVERED: until the receiver's count (free) reaches
         * {@code requests} first, then the table, which has the outcome a little after the POST.
         */
        void awaitDelivered(long requests, long deliveries) {
            awaitCheaply(() -> received.get() >= requests);
            awaitCheaply(() ->
                    jdbc.queryForObject("SELECT count(*) FROM webhook_delivery WHERE status = 'DELIVERED'", Long.class)
                            >= deliveries);
        }

        private static void awaitCheaply(BooleanSupplier done) {
            while (!done.getAsBoolean()) {
                LockSupport.parkNanos(5_000_000);
            }
        }

        /** Each partition's end offset: where records appended next will start. */
        Map<TopicPartition, Long> topicEnd() {
            try (KafkaConsumer<String, String> consumer = consumer("benchmark-offsets-" + UUID.randomUUID())) {
                List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                        .map(info -> new TopicPartition(TOPIC, info.partition()))
                        .toList();
                return new HashMap<>(consumer.endOffsets(partitions));
            }
        }

        void call(String action, String subscriptionId) throws Exception {
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://localhost:" + port
                                            + "/api/v1/webhook-subscriptions/" + subscriptionId + "/" + action))
                                    .header("X-API-Key", KEY)
                                    .header("Idempotency-Key", UUID.randomUUID().toString())
                                    .POST(HttpRequest.BodyPublishers.noBody())
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(action + " answered " + response.statusCode() + " " + response.body());
            }
        }

        KafkaConsumer<String, String> consumer(String group) {
            return new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    bootstrap,
                    ConsumerConfig.GROUP_ID_CONFIG,
                    group,
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                    "earliest",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                    false,
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                    StringDeserializer.class,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                    StringDeserializer.class));
        }
    }

    /** {id, secret} of a new subscription to order.placed. */
    private static String[] subscribe(int port, String url) throws Exception {
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
        return new String[] {
            response.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1"),
            response.body().replaceAll(".*\"secret\":\"([^\"]+)\".*", "$1")
        };
    }

    /**
     * The baseline: read the records from {@code from} on, POST each (signed), commit after each
     * batch; until {@code events} records are done.
     */
    private static void consumeAndPost(
            String bootstrap, String url, String secret, Map<TopicPartition, Long> from, int events) throws Exception {
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
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class))) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
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
