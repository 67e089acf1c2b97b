package org.orderplatform.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderplatform.OrderPlatformApplication;
import org.orderplatform.embedded.EmbeddedPostgresServer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The database gone from under a running node: every request that needs it is a 503 problem with
 * {@code Retry-After} within a client's patience (not a 500 after the pool's 30 s), readiness says
 * DOWN within a probe's, and when the database is back the node recovers by itself with every
 * acknowledged order. The embedded database is also brought back by the node itself when killed.
 */
class DatabaseOutageIT {

    /** What a client or a probe will wait: every answer must come well within it. */
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @TempDir
    Path directory;

    @Test
    void withTheDatabaseGoneEveryRequestIsA503AndReadinessIsDownUntilItIsBack() throws Exception {
        EmbeddedPostgresServer database = EmbeddedPostgresServer.start(directory.resolve("postgres"), 0, true, false);
        int databasePort = database.port();
        try (ConfigurableApplicationContext node = start(
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + EmbeddedPostgresServer.USER)) {
            Api api = api(node);
            String acknowledged = api.placeOrder();
            // a key the node has never looked up: its first use needs the database
            Api.Response created = api.post("/admin/api-keys")
                    .json(Map.of("name", "outage", "scopes", List.of("orders:read")))
                    .send();
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            Api freshKey = new Api(port(node), created.json().get("key").asText());

            database.close();

            List<Api.Request> requests = List.of(
                    api.get("/api/v1/orders?limit=1"),
                    api.get("/api/v1/orders/" + acknowledged),
                    api.post("/api/v1/orders").idempotencyKey().json(OrderJson.valid()),
                    freshKey.get("/api/v1/orders?limit=1"));
            for (Api.Request request : requests) {
                Api.Response refused = request.within(PATIENCE).send();
                assertThat(refused.status())
                        .as(request.method() + " " + request.path() + ": " + refused.body())
                        .isEqualTo(503);
                assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
                assertThat(refused.header("Retry-After")).isNotBlank();
                assertThat(refused.body()).contains("/problems/service-unavailable");
            }
            // a probe sends no key
            Api probe = Api.anonymous(port(node));
            Api.Response readiness =
                    probe.get("/actuator/health/readiness").within(PATIENCE).send();
            assertThat(readiness.status()).isEqualTo(503);
            assertThat(readiness.body()).contains("DOWN");

            database = EmbeddedPostgresServer.start(directory.resolve("postgres"), databasePort, true, false);

            awaitReady(probe);
            // the order was acknowledged, so it is in the event store; the read model may have
            // had it before the outage or get it from its processor, retrying since
            await().atMost(Duration.ofSeconds(60))
                    .until(() ->
                            api.get("/api/v1/orders/" + acknowledged).send().status() == 200);
            assertThat(api.placeOrder(OrderJson.valid()).status()).isEqualTo(201);

            // frozen, as by a stalled disk or a paused machine: the probe still gets its answer
            signal(database, "STOP");
            try {
                Api.Response frozen =
                        probe.get("/actuator/health/readiness").within(PATIENCE).send();
                assertThat(frozen.status()).isEqualTo(503);
            } finally {
                signal(database, "CONT");
            }
            awaitReady(probe);
        } finally {
            database.close();
        }
    }

    @Test
    void theEmbeddedDatabaseKilledUnderTheNodeIsStartedAgainAndNothingAcknowledgedIsLost() throws Exception {
        try (ConfigurableApplicationContext node = start("--spring.datasource.url=")) {
            Api api = api(node);
            String acknowledged = api.placeOrder();
            ProcessHandle postmaster =
                    node.getBean(EmbeddedPostgresServer.class).postmaster().orElseThrow();

            postmaster.destroyForcibly();
            postmaster.onExit().join();

            awaitReady(Api.anonymous(port(node)));
            // the order is in the event store: a change to it, based on its version, is accepted
            Api.Response changed = api.put("/api/v1/orders/" + acknowledged + "/shipping-address")
                    .ifMatch("\"0\"")
                    .json(OrderJson.paris())
                    .send();
            assertThat(changed.status()).as(changed.body()).isEqualTo(200);
            // and the read model, its processors retrying since the outage, has it again
            await().atMost(Duration.ofSeconds(60))
                    .until(() ->
                            api.get("/api/v1/orders/" + acknowledged).send().status() == 200);
            assertThat(api.placeOrder(OrderJson.valid()).status()).isEqualTo(201);
            assertThat(node.getBean(EmbeddedPostgresServer.class)
                            .postmaster()
                            .orElseThrow()
                            .pid())
                    .isNotEqualTo(postmaster.pid());
        }
    }

    /** SIGSTOP or SIGCONT to the server and all its processes. */
    private static void signal(EmbeddedPostgresServer database, String signal) throws Exception {
        ProcessHandle postmaster = database.postmaster().orElseThrow();
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal, Long.toString(postmaster.pid())));
        postmaster.descendants().forEach(process -> command.add(Long.toString(process.pid())));
        assertThat(new ProcessBuilder(command).inheritIO().start().waitFor()).isZero();
    }

    private static void awaitReady(Api probe) {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> probe.get("/actuator/health/readiness")
                                .within(PATIENCE)
                                .send()
                                .status()
                        == 200);
    }

    private ConfigurableApplicationContext start(String... arguments) {
        List<String> all = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=",
                "--orders.embedded.data-dir=" + directory,
                "--orders.admin.api-key=" + PlatformIT.ADMIN_KEY,
                "--orders.fulfilment.enabled=false"));
        all.addAll(List.of(arguments));
        return new SpringApplicationBuilder(OrderPlatformApplication.class).run(all.toArray(String[]::new));
    }

    private static Api api(ConfigurableApplicationContext node) {
        return new Api(port(node));
    }

    private static int port(ConfigurableApplicationContext node) {
        return ((WebServerApplicationContext) node).getWebServer().getPort();
    }
}
