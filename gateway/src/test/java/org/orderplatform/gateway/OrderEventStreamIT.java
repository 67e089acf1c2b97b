package org.orderplatform.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.orderplatform.cluster.ClusterSettings;
import org.orderplatform.cluster.Membership;
import org.orderplatform.cluster.NodeMetadata;
import org.orderplatform.embedded.EmbeddedKafkaServer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An order's events as Server-Sent Events through the gateway, from a real Kafka broker: records
 * are written to the events topic as the relay writes them (keyed by order id, the event type in
 * a header), among other orders' records; access is decided by a node (a real gossip member
 * answering over HTTP) with the caller's key.
 */
class OrderEventStreamIT {

    /**
     * The broker's module (on the tests' classpath only) brings JDBC and the embedded servers'
     * auto-configuration; the gateway uses neither.
     */
    static final String NOT_THE_GATEWAYS = "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration,"
            + "org.orderplatform.embedded.EmbeddedInfrastructureAutoConfiguration";

    private static final String TOPIC = "orders.events.v1";
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private static Path kafkaDirectory;
    private static EmbeddedKafkaServer kafka;
    private static KafkaProducer<String, String> producer;
    private static Membership seed;
    private static FakeNode node;
    private static ConfigurableApplicationContext gateway;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        kafkaDirectory = Files.createTempDirectory("gateway-events-kafka");
        kafka = EmbeddedKafkaServer.start(kafkaDirectory, 0);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1))).all().get();
        }
        Properties settings = new Properties();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producer = new KafkaProducer<>(settings);
        seed = new Membership(
                        ClusterSettings.loopback(List.of()),
                        new NodeMetadata("seed", "", "stable", "test", false, List.of()))
                .start();
        node = new FakeNode("node", "stable", List.of(seed.gossipAddress()));
        gateway = new SpringApplicationBuilder(GatewayApplication.class)
                .run(
                        "--server.port=0",
                        "--spring.autoconfigure.exclude=" + NOT_THE_GATEWAYS,
                        "--orders.cluster.seeds=" + seed.gossipAddress(),
                        "--orders.gateway.events.bootstrap-servers=" + kafka.bootstrapServers(),
                        "--orders.gateway.events.heartbeat=1s");
        port = ((WebServerApplicationContext) gateway).getWebServer().getPort();
        NodeInstances instances = new NodeInstances(gateway.getBean(Membership.class));
        await().atMost(Duration.ofSeconds(15)).until(() -> !instances.routable().isEmpty());
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        node.close();
        seed.close();
        producer.close();
        kafka.close();
        try (Stream<Path> files = Files.walk(kafkaDirectory)) {
            files.sorted((a, b) -> b.compareTo(a)).forEach(path -> path.toFile().delete());
        }
    }

    @Test
    void aSubscriberGetsItsOrdersEventsInOrderAndResumesWithoutGaps() throws Exception {
        String order = "order-" + System.nanoTime();
        send(order, "order.placed", "{\"type\":\"order.placed\",\"orderId\":\"" + order + "\"}");
        send("someone-elses", "order.placed", "{\"type\":\"order.placed\"}");

        List<ServerSentEvents.Event> received = new CopyOnWriteArrayList<>();
        ServerSentEvents.Subscription first = subscribe(order, Map.of("X-API-Key", "customer-key"), received);
        await().atMost(Duration.ofSeconds(20)).until(() -> received.size() >= 1);
        send(order, "order.confirmed", "{\"type\":\"order.confirmed\",\"orderId\":\"" + order + "\"}");
        await().atMost(Duration.ofSeconds(20)).until(() -> received.size() >= 2);
        first.close();

        assertThat(received)
                .extracting(ServerSentEvents.Event::type)
                .containsExactly("order.placed", "order.confirmed");
        assertThat(received).allSatisfy(event -> assertThat(event.data()).contains(order));
        String placedId = received.get(0).id();

        // reconnecting after the first event: the second, then what comes next, nothing twice
        send(order, "order.shipped", "{\"type\":\"order.shipped\",\"orderId\":\"" + order + "\"}");
        List<ServerSentEvents.Event> resumed = new CopyOnWriteArrayList<>();
        ServerSentEvents.Subscription second =
                subscribe(order, Map.of("X-API-Key", "customer-key", "Last-Event-ID", placedId), resumed);
        await().atMost(Duration.ofSeconds(20)).until(() -> resumed.size() >= 2);
        second.close();
        assertThat(resumed)
                .extracting(ServerSentEvents.Event::type)
                .containsExactly("order.confirmed", "order.shipped");
    }

    @Test
    void anotherCustomersKeyIsRefusedAsTheRestApiRefusesIt() throws Exception {
        HttpResponse<String> refused = CLIENT.send(
                request("order-x", Map.of("X-API-Key", FakeNode.OTHER_CUSTOMER)), HttpResponse.BodyHandlers.ofString());

        assertThat(refused.statusCode()).isEqualTo(404);
        assertThat(refused.body()).contains("/problems/order-not-found");
    }

    @Test
    void aLastEventIdThatIsNotOursIsABadRequest() throws Exception {
        HttpResponse<String> refused = CLIENT.send(
                request("order-x", Map.of("X-API-Key", "customer-key", "Last-Event-ID", "../../etc")),
                HttpResponse.BodyHandlers.ofString());

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    }

    private static void send(String key, String type, String json) throws Exception {
        ProducerRecord<String, String> record = new ProducerRecord<>(TOPIC, key, json);
        record.headers().add("event-type", type.getBytes(StandardCharsets.UTF_8));
        producer.send(record).get();
    }

    private static HttpRequest request(String order, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/orders/" + order + "/events"))
                .header("Accept", "text/event-stream");
        headers.forEach(request::header);
        return request.build();
    }

    private static ServerSentEvents.Subscription subscribe(
            String order, Map<String, String> headers, List<ServerSentEvents.Event> into) throws Exception {
        return ServerSentEvents.subscribe(CLIENT, request(order, headers), into);
    }
}
