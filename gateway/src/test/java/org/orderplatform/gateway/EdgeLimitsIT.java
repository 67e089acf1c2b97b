package org.orderplatform.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.orderplatform.cluster.Membership;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** What the edge refuses before any node spends on it: a client over its budget, a body too large. */
class EdgeLimitsIT {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private static FakeNode node;
    private static ConfigurableApplicationContext gateway;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        node = new FakeNode("node-" + System.nanoTime(), "stable", List.of());
        gateway = new SpringApplicationBuilder(GatewayApplication.class)
                .run(
                        "--server.port=0",
                        "--spring.autoconfigure.exclude=" + OrderEventStreamIT.NOT_THE_GATEWAYS,
                        "--orders.cluster.seeds=" + node.gossipAddress(),
                        "--orders.gateway.limits.requests-per-client=5",
                        "--orders.gateway.limits.period=1h",
                        "--orders.gateway.limits.max-request-body=1KB");
        port = ((WebServerApplicationContext) gateway).getWebServer().getPort();
        NodeInstances instances = new NodeInstances(gateway.getBean(Membership.class));
        await().atMost(Duration.ofSeconds(15)).until(() -> !instances.routable().isEmpty());
    }

    @AfterAll
    static void stop() {
        gateway.close();
        node.close();
    }

    @Test
    void aClientOverItsBudgetIsRefusedWithRetryAfterOthersAreNot() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(get("busy-client").statusCode()).isEqualTo(200);
        }
        int seenByNode = node.seen.size();

        HttpResponse<String> refused = get("busy-client");

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.body()).contains("/problems/too-many-requests");
        assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow()))
                .isPositive();
        assertThat(node.seen).as("the refusal never reached the node").hasSize(seenByNode);
        assertThat(get("quiet-client").statusCode()).isEqualTo(200);
    }

    @Test
    void aBodyLargerThanTheNodesTakeIsRefusedAtTheEdge() throws Exception {
        HttpResponse<String> refused = CLIENT.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/orders"))
                        .header("X-API-Key", "big-body-client")
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", "k-1")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"x\":\"" + "a".repeat(2048) + "\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.body()).contains("/problems/payload-too-large");
        assertThat(node.count("POST", "null")).isZero();
    }

    private static HttpResponse<String> get(String key) throws Exception {
        return CLIENT.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/orders"))
                        .header("X-API-Key", key)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
