package org.orderplatform.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.orderplatform.cluster.ClusterSettings;
import org.orderplatform.cluster.Membership;
import org.orderplatform.cluster.NodeMetadata;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The gateway in front of nodes that are real gossip members with real HTTP servers on loopback:
 * routing to ready nodes only, 503 when none is, retries only where they are safe, and canary
 * shares that keep each client on one track.
 */
class GatewayIT {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private static Membership seed;
    private static ConfigurableApplicationContext gateway;
    private static int port;
    private final List<FakeNode> nodes = new ArrayList<>();

    @BeforeAll
    static void startGateway() {
        // a bare member the nodes and the gateway join through, as a cluster's first node
        seed = new Membership(
                        ClusterSettings.loopback(List.of()),
                        new NodeMetadata("seed", "", "stable", "test", false, List.of()))
                .start();
        gateway = new SpringApplicationBuilder(GatewayApplication.class)
                .run(
                        "--server.port=0",
                        "--spring.autoconfigure.exclude=" + OrderEventStreamIT.NOT_THE_GATEWAYS,
                        "--orders.cluster.seeds=" + seed.gossipAddress(),
                        "--orders.cluster.ping-interval=200ms",
                        "--orders.cluster.ping-timeout=100ms",
                        "--orders.cluster.suspicion-mult=2",
                        "--orders.gateway.canary.share-percent=20",
                        // no rollback for latency: a pause of the busy test machine that happens to
                        // fall on canary requests is not the canary's fault (the tests roll back on errors)
                        "--orders.gateway.canary.latency-margin=1h",
                        "--management.endpoints.web.exposure.include=health");
        port = ((WebServerApplicationContext) gateway).getWebServer().getPort();
    }

    @AfterAll
    static void stopGateway() {
        gateway.close();
        seed.close();
    }

    @AfterEach
    void stopNodes() {
        nodes.forEach(FakeNode::close);
    }

    @Test
    void routesOverTheReadyNodesAndAnswers503WhenNoneIs() throws Exception {
        FakeNode a = node("a", "stable");
        FakeNode b = node("b", "stable");
        awaitRoutable(a, b);

        for (int i = 0; i < 10; i++) {
            HttpResponse<String> answer = get("/api/v1/anything", Map.of());
            assertThat(answer.statusCode()).isEqualTo(200);
            // the answer names the node that made it
            assertThat(answer.headers().firstValue("X-Served-By")).contains(answer.body());
            assertThat(answer.headers().firstValue("X-Served-Track")).contains("stable");
        }
        assertThat(a.seen).isNotEmpty();
        assertThat(b.seen).isNotEmpty();

        b.ready(false);
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            for (int i = 0; i < 6; i++) {
                if (!a.id.equals(get("/api/v1/anything", Map.of()).body())) {
                    return false;
                }
            }
            return true;
        });

        a.ready(false);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> get("/api/v1/anything", Map.of()).statusCode() == 503);
        HttpResponse<String> none = get("/api/v1/anything", Map.of());
        assertThat(none.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(none.headers().firstValue("Retry-After")).contains("1");
        assertThat(none.body()).contains("\"type\":\"/problems/service-unavailable\"");
    }

    @Test
    void aFailedReadOrKeyedWriteGoesToAnotherNodeAnUnkeyedWriteNever() throws Exception {
        FakeNode dying = node("dying", "stable");
        FakeNode healthy = node("healthy", "stable");
        awaitRoutable(dying, healthy);
        dying.failing = true;

        // unkeyed first: a few failures, before the dying node's breaker has enough to judge
        int refused = 0;
        for (int i = 0; i < 6; i++) {
            String tag = "unkeyed-" + i;
            HttpResponse<String> write = post("/api/v1/orders", Map.of("X-Test-Tag", tag));
            if (dying.count("POST", tag) == 1) {
                assertThat(write.statusCode()).as(tag).isEqualTo(502);
                assertThat(write.body()).contains("/problems/bad-gateway");
                assertThat(healthy.count("POST", tag)).as("never sent again").isZero();
                refused++;
            } else {
                assertThat(write.statusCode()).isEqualTo(200);
            }
        }
        assertThat(refused).as("some unkeyed writes met the dying node").isPositive();

        for (int i = 0; i < 6; i++) {
            String tag = "read-" + i;
            HttpResponse<String> read = get("/api/v1/orders/x", Map.of("X-Test-Tag", tag));
            assertThat(read.statusCode()).as(tag).isEqualTo(200);
            assertThat(read.body()).isEqualTo(healthy.id);
        }
        assertThat(dying.seen)
                .as("some reads reached the dying node first")
                .anyMatch(seen -> seen.startsWith("GET read-"));

        for (int i = 0; i < 6; i++) {
            String tag = "keyed-" + i;
            HttpResponse<String> write = post(
                    "/api/v1/orders",
                    Map.of(
                            "X-Test-Tag",
                            tag,
                            "Idempotency-Key",
                            UUID.randomUUID().toString()));
            assertThat(write.statusCode()).as(tag).isEqualTo(200);
            assertThat(healthy.count("POST", tag)).as(tag).isEqualTo(1);
        }
    }

    @Test
    void aNodeThatKeepsFailingIsHeldBackByItsBreaker() throws Exception {
        FakeNode flaky = node("flaky", "stable");
        FakeNode healthy = node("healthy", "stable");
        awaitRoutable(flaky, healthy);
        flaky.failing = true;

        for (int i = 0; i < 30; i++) {
            assertThat(get("/api/v1/orders", Map.of("X-API-Key", "breaker-" + i))
                            .statusCode())
                    .isEqualTo(200);
        }
        int flakySaw = flaky.seen.size();
        for (int i = 0; i < 20; i++) {
            assertThat(get("/api/v1/orders", Map.of("X-API-Key", "held-" + i)).body())
                    .isEqualTo(healthy.id);
        }

        assertThat(flakySaw).as("it failed until its breaker opened").isGreaterThanOrEqualTo(5);
        assertThat(flaky.seen).as("then it got no attempts (open for 10 s)").hasSize(flakySaw);
    }

    @Test
    void aShareOfClientsGoesToCanaryEachClientStaysOnItsTrackAndTestersChoose() throws Exception {
        FakeNode stable = node("stable-1", "stable");
        FakeNode canary = node("canary-1", "canary");
        awaitRoutable(stable, canary);
        assertThat(send("PUT", "/admin/canary", admin(), "{\"sharePercent\":20}")
                        .statusCode())
                .isEqualTo(200);

        int clients = 500;
        int onCanary = 0;
        for (int i = 0; i < clients; i++) {
            Map<String, String> key = Map.of("X-API-Key", "client-" + i);
            String first = get("/api/v1/orders", key).body();
            String second = get("/api/v1/orders", key).body();
            assertThat(second).as("client %d stays on its track", i).isEqualTo(first);
            if (first.equals(canary.id)) {
                onCanary++;
            }
        }
        // 20 % of 500: 100, standard deviation 8.9; four of them either way
        assertThat(onCanary).isBetween(64, 136);

        assertThat(get("/api/v1/orders", Map.of("X-API-Key", "client-0", "X-Canary", "always"))
                        .body())
                .isEqualTo(canary.id);
        assertThat(get("/api/v1/orders", Map.of("X-API-Key", "client-0", "X-Canary", "never"))
                        .body())
                .isEqualTo(stable.id);
    }

    @Test
    void aFailingCanaryIsRolledBackByItselfAndNoRequestIsLost() throws Exception {
        FakeNode stable = node("stable", "stable");
        FakeNode canary = node("canary", "canary");
        awaitRoutable(stable, canary);
        assertThat(send("PUT", "/admin/canary", admin(), "{\"sharePercent\":50}")
                        .statusCode())
                .isEqualTo(200);
        canary.failing = true;

        int[] client = {0};
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (int i = 0; i < 10; i++) {
                String key = "reader-" + client[0]++;
                HttpResponse<String> read = get("/api/v1/orders", Map.of("X-API-Key", key));
                assertThat(read.statusCode()).as("no read is lost").isEqualTo(200);
                assertThat(read.body()).isEqualTo(stable.id);
            }
            return gateway.getBean(CanaryShare.class).percent() == 0;
        });

        HttpResponse<String> status = send("GET", "/admin/canary", admin(), null);
        // by the statistics or by the canary node's own breaker, whichever judged first
        assertThat(status.body()).contains("\"sharePercent\":0.0").contains("\"lastRollback\":{\"at\"");
        int canarySaw = canary.seen.size();
        for (int i = 0; i < 50; i++) {
            assertThat(get("/api/v1/orders", Map.of("X-API-Key", "after-" + i)).body())
                    .isEqualTo(stable.id);
        }
        assertThat(canary.seen)
                .as("no client reaches the canary after the rollback")
                .hasSize(canarySaw);
    }

    @Test
    void theCanaryShareIsAnAdminsToSetAndPromote() throws Exception {
        FakeNode stable = node("stable", "stable");
        awaitRoutable(stable);

        HttpResponse<String> anonymous =
                send("PUT", "/admin/canary", Map.of("Content-Type", "application/json"), "{\"sharePercent\":5}");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).contains("/problems/api-key-required");
        assertThat(send(
                                "PUT",
                                "/admin/canary",
                                Map.of("X-API-Key", "not-admin", "Content-Type", "application/json"),
                                "{\"sharePercent\":5}")
                        .statusCode())
                .isEqualTo(401);
        assertThat(send("PUT", "/admin/canary", admin(), "{\"sharePercent\":101}")
                        .statusCode())
                .isEqualTo(422);

        assertThat(send("PUT", "/admin/canary", admin(), "{\"sharePercent\":5}").body())
                .contains("\"sharePercent\":5.0");
        assertThat(send("POST", "/admin/canary/promote", admin(), null).body()).contains("\"sharePercent\":25.0");
        assertThat(send("POST", "/admin/canary/rollback", admin(), null).body()).contains("\"sharePercent\":0.0");
        assertThat(send("GET", "/admin/cluster", admin(), null).body()).contains(stable.id);
    }

    private static Map<String, String> admin() {
        return Map.of("X-API-Key", FakeNode.ADMIN_KEY, "Content-Type", "application/json");
    }

    @Test
    void everyRequestCarriesACorrelationIdToTheNodeAndBack() throws Exception {
        FakeNode a = node("a", "stable");
        awaitRoutable(a);

        HttpResponse<String> fresh = get("/api/v1/orders", Map.of());
        HttpResponse<String> given = get("/api/v1/orders", Map.of("X-Correlation-Id", "client-chosen-1"));

        String made = fresh.headers().firstValue("X-Correlation-Id").orElseThrow();
        assertThat(fresh.headers().firstValue("X-Seen-Correlation-Id")).contains(made);
        assertThat(given.headers().firstValue("X-Seen-Correlation-Id")).contains("client-chosen-1");
        assertThat(given.headers().allValues("X-Correlation-Id")).containsExactly("client-chosen-1");

        HttpResponse<String> spoofed = get("/api/v1/orders", Map.of("X-Forwarded-For", "6.6.6.6"));
        assertThat(spoofed.headers().firstValue("X-Seen-Forwarded-For")).contains("[127.0.0.1]");
        assertThat(spoofed.headers().firstValue("X-Seen-Forwarded-Host")).contains("127.0.0.1:" + port);
        assertThat(get("/nowhere", Map.of()).statusCode()).isEqualTo(404);
    }

    private FakeNode node(String name, String track) throws IOException {
        // a fresh id per node: a member id that left must not be confused with its successor
        FakeNode node = new FakeNode(
                name + "-" + UUID.randomUUID().toString().substring(0, 6), track, List.of(seed.gossipAddress()));
        nodes.add(node);
        return node;
    }

    private void awaitRoutable(FakeNode... expected) {
        NodeInstances instances = new NodeInstances(gateway.getBean(Membership.class));
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            var ids = instances.routable().stream().map(i -> i.getInstanceId()).toList();
            for (FakeNode node : expected) {
                if (!ids.contains(node.id)) {
                    return false;
                }
            }
            return ids.size() == expected.length;
        });
    }

    private static HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
        return send("GET", path, headers, null);
    }

    private static HttpResponse<String> post(String path, Map<String, String> headers) throws Exception {
        return send("POST", path, headers, "{}");
    }

    private static HttpResponse<String> send(String method, String path, Map<String, String> headers, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        Map<String, String> all = new HashMap<>(headers);
        all.forEach(request::header);
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
