package org.orderplatform.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.orderplatform.cluster.Membership;
import org.orderplatform.embedded.EmbeddedKafkaServer;
import org.orderplatform.embedded.EmbeddedPostgresServer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The gateway in front of two real platform nodes: the built jar run twice as processes (node-a
 * stable, node-b canary) on one PostgreSQL and one Kafka broker, all three in one gossip cluster,
 * with fault injection on the nodes ({@code /admin/faults}) to make one slow, failing or not ready,
 * and SIGKILL to make one die mid-request. The nodes start once for the class (a minute on two
 * cores), so the tests run in order and the last one kills the canary node.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealNodesIT {

    private static final String ADMIN = NodeProcess.ADMIN_KEY;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private static Path data;
    private static EmbeddedPostgresServer postgres;
    private static EmbeddedKafkaServer kafka;
    private static ConfigurableApplicationContext gateway;
    private static int port;
    private static NodeProcess stable;
    private static NodeProcess canary;

    @BeforeAll
    static void start() throws Exception {
        data = Files.createTempDirectory("real-nodes");
        postgres = EmbeddedPostgresServer.start(data.resolve("postgres"), 0, false, true);
        kafka = EmbeddedKafkaServer.start(data.resolve("kafka"), 0);
        gateway = new SpringApplicationBuilder(GatewayApplication.class)
                .run(
                        "--server.port=0",
                        "--spring.autoconfigure.exclude=" + OrderEventStreamIT.NOT_THE_GATEWAYS,
                        // quick, but not so quick that a node JVM busy for a second on this
                        // crowded machine (two nodes, the gateway, PostgreSQL, Kafka) is dropped
                        "--orders.cluster.ping-interval=500ms",
                        "--orders.cluster.ping-timeout=300ms",
                        "--orders.cluster.suspicion-mult=3",
                        "--orders.gateway.events.bootstrap-servers=" + kafka.bootstrapServers(),
                        "--orders.gateway.events.heartbeat=1s",
                        // no rollback for latency: a pause of the busy test machine that happens to
                        // fall on canary requests is not the canary's fault (the tests roll back on errors)
                        "--orders.gateway.canary.latency-margin=1h",
                        "--management.endpoints.web.exposure.include=health");
        port = ((WebServerApplicationContext) gateway).getWebServer().getPort();
        String seed = gateway.getBean(Membership.class).gossipAddress();
        stable = NodeProcess.start("node-a", "stable", postgres.jdbcUrl(), kafka.bootstrapServers(), seed);
        canary = NodeProcess.start("node-b", "canary", postgres.jdbcUrl(), kafka.bootstrapServers(), seed);

        // each node reachable through the gateway: a tester's X-Canary picks the track
        await().atMost(Duration.ofMinutes(4))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    assertThat(stable.alive() && canary.alive())
                            .as("both nodes running (see target/real-nodes/*.log)")
                            .isTrue();
                    return servedBy(get("/api/v1/orders?limit=1", ADMIN, Map.of("X-Canary", "never")))
                                    .equals(stable.id)
                            && servedBy(get("/api/v1/orders?limit=1", ADMIN, Map.of("X-Canary", "always")))
                                    .equals(canary.id);
                });
        for (String sku : List.of("KEYBOARD-DE", "USB-C-CABLE")) {
            HttpResponse<String> registered = post(
                    "/admin/products",
                    ADMIN,
                    "{\"sku\":\"" + sku + "\",\"name\":\"" + sku + "\",\"initialStock\":100000}",
                    Map.of("Idempotency-Key", "product-" + sku));
            assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable part : new AutoCloseable[] {canary, stable, gateway, kafka, postgres}) {
            if (part != null) {
                part.close();
            }
        }
        try (Stream<Path> files = Files.walk(data)) {
            files.sorted((a, b) -> b.compareTo(a)).forEach(path -> path.toFile().delete());
        }
    }

    @Test
    @Order(1)
    void anOrderPlacedOnOneNodeIsReadOnTheOtherAndItsEventsStreamLiveToItsCustomerOnly() throws Exception {
        String customerKey = createKey("stream-customer", "\"orders:read\",\"orders:write\"", "stream-customer");
        String otherKey = createKey("someone-else", "\"orders:read\"", "someone-else");

        HttpResponse<String> placed = post(
                "/api/v1/orders",
                customerKey,
                order("stream-customer"),
                Map.of("Idempotency-Key", UUID.randomUUID().toString(), "X-Canary", "never"));
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        assertThat(servedBy(placed)).isEqualTo(stable.id);
        // the node saw the gateway's address (X-Forwarded-*), not its own
        assertThat(placed.headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).startsWith("http://127.0.0.1:" + port + "/"));
        String order = JSON.readTree(placed.body()).get("orderId").asText();

        HttpResponse<String> read = get(
                "/api/v1/orders/" + order,
                customerKey,
                Map.of(
                        "X-Canary",
                        "always",
                        "X-Consistency-Token",
                        placed.headers().firstValue("X-Consistency-Token").orElseThrow()));
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        assertThat(servedBy(read)).isEqualTo(canary.id);

        // the saga confirms it within seconds: placed, payment authorized, confirmed, as they happen
        List<ServerSentEvents.Event> events = new CopyOnWriteArrayList<>();
        try (var stream = ServerSentEvents.subscribe(CLIENT, eventsRequest(order, customerKey, null), events)) {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> events.stream().anyMatch(event -> event.type().equals("order.confirmed")));
        }
        assertThat(events.get(0).type()).isEqualTo("order.placed");
        assertThat(events).allSatisfy(event -> assertThat(event.data()).contains(order));
        // resuming after the first: every later one, none twice, none missing
        List<ServerSentEvents.Event> resumed = new CopyOnWriteArrayList<>();
        try (var stream = ServerSentEvents.subscribe(
                CLIENT, eventsRequest(order, customerKey, events.get(0).id()), resumed)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> resumed.size() >= events.size() - 1);
        }
        assertThat(resumed).containsExactlyElementsOf(events.subList(1, events.size()));

        HttpResponse<String> refused =
                CLIENT.send(eventsRequest(order, otherKey, null), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(404);
    }

    /** The operator console, through the gateway: its pages and their policy, from a node. */
    @Test
    @Order(1)
    void theConsoleIsServedThroughTheGateway() throws Exception {
        HttpResponse<String> page = CLIENT.send(
                HttpRequest.newBuilder(URI.create(gateway("/console/"))).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<script type=\"module\" src=\"js/main.js\"></script>");
        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(
                        policy -> assertThat(policy).contains("script-src 'self'", "frame-ancestors 'none'"));
    }

    @Test
    @Order(2)
    void aNodeWhoseReadinessGoesDownGetsNoNewRequestsUntilItIsReadyAgain() throws Exception {
        HttpResponse<String> down = inject(canary, "{\"refuseTraffic\":true}");
        assertThat(down.statusCode()).as(down.body()).isEqualTo(200);

        // even a tester who asks for the canary gets stable: no canary node is ready
        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        servedByEach(5, Map.of("X-Canary", "always")).stream().allMatch(stable.id::equals));

        clearFault(canary);
        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        servedByEach(5, Map.of("X-Canary", "always")).stream().allMatch(canary.id::equals));
    }

    @Test
    @Order(3)
    void aFaultThatBreaksTheRulesIsRefusedAndOnlyAnAdminMayInjectOne() throws Exception {
        HttpResponse<String> invalid = inject(canary, "{\"errorRate\":2,\"status\":404,\"latencyMillis\":-1}");
        assertThat(invalid.statusCode()).isEqualTo(422);
        assertThat(invalid.body()).contains("errorRate", "status", "latencyMillis");

        HttpResponse<String> anonymous = CLIENT.send(
                HttpRequest.newBuilder(URI.create(canary.url("/admin/faults")))
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"errorRate\":1}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(servedByEach(3, Map.of("X-Canary", "always"))).containsOnly(canary.id);
    }

    @Test
    @Order(4)
    void aFailingCanaryIsRolledBackByTheGatewayAndNoRequestIsLostOrDoubled() throws Exception {
        assertThat(put("/admin/canary", "{\"sharePercent\":20}").statusCode()).isEqualTo(200);
        // clients are API keys: each stays on its track, and some are on each
        Map<String, String> trackOf = new LinkedHashMap<>();
        for (int i = 0; i < 50; i++) {
            String key = createKey("rollback-client-" + i, "\"orders:read\",\"orders:write\"", null);
            String first = track(get("/api/v1/orders?limit=1", key, Map.of()));
            String second = track(get("/api/v1/orders?limit=1", key, Map.of()));
            assertThat(second).as("client %d stays on its track", i).isEqualTo(first);
            trackOf.put(key, first);
        }
        assertThat(trackOf.values()).contains("canary", "stable");

        // the canary starts failing every request
        assertThat(inject(canary, "{\"errorRate\":1.0,\"status\":503}").statusCode())
                .isEqualTo(200);
        // each customer's order with its own token: a token covers its own order's segment only
        Map<String, String> customers = new LinkedHashMap<>();
        List<String> answers = new ArrayList<>();
        int round = 0;
        while (share() > 0 && round < 20) {
            for (String key : trackOf.keySet()) {
                answers.add(get("/api/v1/orders?limit=1", key, Map.of()).statusCode() + " GET");
                String customer = "rollback-" + round + "-" + key.hashCode();
                HttpResponse<String> placed = post(
                        "/api/v1/orders",
                        key,
                        order(customer),
                        Map.of("Idempotency-Key", UUID.randomUUID().toString()));
                answers.add(placed.statusCode() + " POST");
                customers.put(
                        customer,
                        placed.headers().firstValue("X-Consistency-Token").orElse("0"));
            }
            round++;
        }

        JsonNode canaryView =
                JSON.readTree(get("/admin/canary", ADMIN, Map.of()).body());
        assertThat(canaryView.get("sharePercent").asDouble()).isZero();
        assertThat(canaryView.get("lastRollback").get("reason").asText()).contains("canary");
        // every request answered, by a stable node when the canary failed it
        assertThat(answers).allMatch(answer -> answer.startsWith("2"));
        // after the rollback no client reaches the canary
        for (String key : trackOf.keySet()) {
            assertThat(track(get("/api/v1/orders?limit=1", key, Map.of()))).isEqualTo("stable");
        }
        // and each order that was placed exists exactly once (each read once the read model has it)
        for (Map.Entry<String, String> customer : customers.entrySet()) {
            JsonNode orders = ordersOf(customer.getKey(), customer.getValue());
            assertThat(orders).as(customer.getKey()).hasSize(1);
        }
        clearFault(canary);
    }

    @Test
    @Order(5)
    void aNodeKilledMidRequestLosesNoReadOrKeyedWriteAndNoUnkeyedWriteIsSentTwice() throws Exception {
        assertThat(inject(canary, "{\"pathPrefix\":\"/api/v1/orders\",\"latencyMillis\":60000}")
                        .statusCode())
                .isEqualTo(200);
        Map<String, String> toCanary = Map.of("X-Canary", "always");
        CompletableFuture<HttpResponse<String>> keyedWrite =
                async(HttpRequest.newBuilder(URI.create(gateway("/api/v1/orders")))
                        .header("X-API-Key", ADMIN)
                        .header("X-Canary", "always")
                        .header("Idempotency-Key", UUID.randomUUID().toString())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(order("killed-mid-request"))));
        CompletableFuture<HttpResponse<String>> read = async(request("/api/v1/orders?limit=1", ADMIN, toCanary));
        CompletableFuture<HttpResponse<String>> unkeyedWrite =
                async(HttpRequest.newBuilder(URI.create(gateway("/api/v1/orders")))
                        .header("X-API-Key", ADMIN)
                        .header("X-Canary", "always")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(order("killed-unkeyed"))));
        // all three are inside the canary node, held by the injected delay
        await().atMost(Duration.ofSeconds(20)).until(() -> delayedOn(canary) == 3);

        canary.kill();

        HttpResponse<String> keyed = keyedWrite.get();
        assertThat(keyed.statusCode()).as(keyed.body()).isEqualTo(201);
        assertThat(servedBy(keyed)).isEqualTo(stable.id);
        assertThat(read.get().statusCode()).isEqualTo(200);
        assertThat(servedBy(read.get())).isEqualTo(stable.id);
        // never retried: another node would have refused it with 400 (a POST needs a key)
        HttpResponse<String> unkeyed = unkeyedWrite.get();
        assertThat(unkeyed.statusCode()).as(unkeyed.body()).isEqualTo(502);
        assertThat(unkeyed.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        // once the read model has that write (the killed node's segments are taken over after
        // their claim times out), the customer has exactly one order
        String written = keyed.headers().firstValue("X-Consistency-Token").orElseThrow();
        JsonNode orders = ordersOf("killed-mid-request", written);
        assertThat(orders).hasSize(1);

        // gossip's failure detector removes the killed node: the gateway's view says it is dead
        await().atMost(Duration.ofSeconds(15)).until(() -> stateOf(canary).equals("DEAD"));

        // the last node not ready: nowhere to route, 503 with Retry-After
        assertThat(inject(stable, "{\"refuseTraffic\":true}").statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> get("/api/v1/orders?limit=1", ADMIN, Map.of()).statusCode() == 503);
        HttpResponse<String> none = get("/api/v1/orders?limit=1", ADMIN, Map.of());
        assertThat(none.headers().firstValue("Retry-After")).isPresent();
        assertThat(none.body()).contains("/problems/service-unavailable");
        clearFault(stable);
    }

    // --- helpers ---

    private static String order(String customer) {
        return """
                {"customerId":"%s","currency":"EUR","paymentToken":"tok_visa",
                 "lines":[{"sku":"KEYBOARD-DE","quantity":1,"unitPriceMinor":8999}],
                 "shippingAddress":{"recipient":"Ada Lovelace","line1":"Unter den Linden 1","city":"Berlin",
                                    "postalCode":"10117","country":"DE"}}""".formatted(customer);
    }

    /** A new API key with these scopes, acting for this customer only (null: for any). */
    private static String createKey(String name, String scopes, String customerId) throws Exception {
        String customer = customerId == null ? "null" : "\"" + customerId + "\"";
        HttpResponse<String> created = post(
                "/admin/api-keys",
                ADMIN,
                "{\"name\":\"" + name + "\",\"scopes\":[" + scopes + "],\"customerId\":" + customer + "}",
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).get("key").asText();
    }

    /** The customer's orders, once the read model has every write up to this consistency token. */
    private static JsonNode ordersOf(String customer, String token) throws Exception {
        HttpResponse<String> listed = await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> get("/api/v1/orders?customerId=" + customer, ADMIN, Map.of("X-Consistency-Token", token)),
                        answer -> answer.headers()
                                .firstValue("X-Read-Consistency")
                                .orElse("")
                                .equals("fresh"));
        return JSON.readTree(listed.body()).get("items");
    }

    /** The member's state in the gateway's view of the cluster. */
    private static String stateOf(NodeProcess node) throws Exception {
        for (JsonNode member :
                JSON.readTree(get("/admin/cluster", ADMIN, Map.of()).body()).get("members")) {
            if (member.get("id").asText().equals(node.id)) {
                return member.get("state").asText();
            }
        }
        return "unknown";
    }

    private static double share() throws Exception {
        return JSON.readTree(get("/admin/canary", ADMIN, Map.of()).body())
                .get("sharePercent")
                .asDouble();
    }

    private static List<String> servedByEach(int requests, Map<String, String> headers) throws Exception {
        List<String> nodes = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            nodes.add(servedBy(get("/api/v1/orders?limit=1", ADMIN, headers)));
        }
        return nodes;
    }

    private static String servedBy(HttpResponse<?> response) {
        return response.headers().firstValue("X-Served-By").orElse("none: " + response.statusCode());
    }

    private static String track(HttpResponse<?> response) {
        assertThat(response.statusCode()).isEqualTo(200);
        return response.headers().firstValue("X-Served-Track").orElseThrow();
    }

    private static HttpResponse<String> inject(NodeProcess node, String fault) throws Exception {
        return CLIENT.send(
                HttpRequest.newBuilder(URI.create(node.url("/admin/faults")))
                        .header("X-API-Key", ADMIN)
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(fault))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void clearFault(NodeProcess node) throws Exception {
        HttpResponse<String> cleared = CLIENT.send(
                HttpRequest.newBuilder(URI.create(node.url("/admin/faults")))
                        .header("X-API-Key", ADMIN)
                        .DELETE()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(cleared.statusCode()).isEqualTo(204);
    }

    private static int delayedOn(NodeProcess node) throws Exception {
        HttpResponse<String> metric = CLIENT.send(
                HttpRequest.newBuilder(URI.create(node.url("/actuator/metrics/orders.faults.delayed")))
                        .header("X-API-Key", ADMIN)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(metric.body())
                .get("measurements")
                .get(0)
                .get("value")
                .asInt();
    }

    private static String gateway(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private static HttpRequest.Builder request(String path, String key, Map<String, String> headers) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(gateway(path))).header("X-API-Key", key);
        headers.forEach(request::header);
        return request;
    }

    private static HttpResponse<String> get(String path, String key, Map<String, String> headers) throws Exception {
        return CLIENT.send(request(path, key, headers).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String key, String body, Map<String, String> headers)
            throws Exception {
        return CLIENT.send(
                request(path, key, headers)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> put(String path, String body) throws Exception {
        return CLIENT.send(
                request(path, ADMIN, Map.of())
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static CompletableFuture<HttpResponse<String>> async(HttpRequest.Builder request) {
        return CLIENT.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest eventsRequest(String order, String key, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway("/api/v1/orders/" + order + "/events")))
                .header("Accept", "text/event-stream")
                .header("X-API-Key", key);
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        return request.build();
    }
}
