package org.orderplatform.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orderplatform.cluster.Membership;
import org.orderplatform.embedded.EmbeddedKafkaServer;
import org.orderplatform.embedded.EmbeddedPostgresServer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.jdbc.JdbcConnectionDetails;
import org.springframework.boot.autoconfigure.kafka.KafkaConnectionDetails;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A second node configured with an external database and broker (the first node's), the way
 * production nodes are: it starts nothing embedded. Both nodes then race on the same order: the
 * aggregate's database lock makes them take turns, and the history stays linear.
 */
class SecondNodeIT extends PlatformIT {

    private static ConfigurableApplicationContext secondNode;

    @Autowired
    JdbcConnectionDetails database;

    @Autowired
    KafkaConnectionDetails kafka;

    @Autowired
    Membership membership;

    @BeforeEach
    void startSecondNode() {
        if (secondNode != null) {
            return;
        }
        // with embedded servers disabled, starting one would fail the context: it proves none starts
        secondNode = OtherNode.start(
                database,
                kafka,
                "--orders.cluster.seeds=" + membership.gossipAddress(),
                "--orders.cluster.node-id=second",
                "--orders.cluster.track=canary",
                // as on the first node: these tests move their orders by hand, and a saga here
                // would cancel them (their products are not registered) under the tests' feet
                "--orders.fulfilment.enabled=false");
    }

    @AfterAll
    static void stopSecondNode() {
        if (secondNode != null) {
            secondNode.close();
        }
    }

    @Test
    void aNodeWithExternalDatabaseAndBrokerStartsNothingEmbedded() {
        assertThat(secondNode.getBeanNamesForType(EmbeddedPostgresServer.class)).isEmpty();
        assertThat(secondNode.getBeanNamesForType(EmbeddedKafkaServer.class)).isEmpty();
        Api other = new Api(secondPort());
        assertThat(other.get("/actuator/health/readiness").send().status()).isEqualTo(200);
    }

    @Test
    void theNodesKnowEachOtherByGossipWithTheirAddressTrackAndReadiness() {
        String first = "http://127.0.0.1:" + port;
        String second = "http://127.0.0.1:" + secondPort();

        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode seenByFirst = api().get("/admin/cluster").send().json();
            JsonNode seenBySecond =
                    new Api(secondPort()).get("/admin/cluster").send().json();
            assertThat(member(seenByFirst, "second").at("/metadata/httpAddress").asText())
                    .isEqualTo(second);
            assertThat(member(seenByFirst, "second").at("/metadata/track").asText())
                    .isEqualTo("canary");
            assertThat(member(seenByFirst, "second").at("/metadata/ready").asBoolean())
                    .isTrue();
            assertThat(member(seenBySecond, membership.self().nodeId())
                            .at("/metadata/httpAddress")
                            .asText())
                    .isEqualTo(first);
            assertThat(member(seenBySecond, membership.self().nodeId())
                            .get("state")
                            .asText())
                    .isEqualTo("ALIVE");
        });
        JsonNode self = api().get("/admin/cluster").send().json().at("/members/0");
        assertThat(self.at("/metadata/roles")).extracting(JsonNode::asText).contains("api");
        assertThat(self.at("/metadata/version").asText()).isNotBlank().isNotEqualTo("unknown");
        assertThat(Api.anonymous(port).get("/admin/cluster").send().status()).isEqualTo(401);
    }

    private static JsonNode member(JsonNode cluster, String id) {
        for (JsonNode member : cluster.get("members")) {
            if (member.get("id").asText().equals(id)) {
                return member;
            }
        }
        throw new AssertionError(id + " is not in " + cluster);
    }

    @Test
    void anOrderPlacedOnOneNodeIsChangedOnTheOther() {
        String orderId = api().placeOrder();

        Api.Response response = new Api(secondPort())
                .put("/api/v1/orders/" + orderId + "/shipping-address")
                .ifMatch("\"0\"")
                .json(OrderJson.paris())
                .send();

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("ETag")).isEqualTo("\"1\"");
    }

    @Test
    void writersOnTwoNodesAgainstOneVersionLeaveOneLinearHistory() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 5; round++) {
                String orderId = api().placeOrder();
                List<Api> nodes = List.of(api(), new Api(secondPort()));
                CyclicBarrier start = new CyclicBarrier(8);
                List<Future<Api.Response>> futures = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    Api node = nodes.get(i % 2);
                    int writer = i;
                    futures.add(pool.submit(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        return node.put("/api/v1/orders/" + orderId + "/shipping-address")
                                .ifMatch("\"0\"")
                                .json(OrderJson.address(writer + " Two Node St"))
                                .send();
                    }));
                }
                List<Integer> statuses = new ArrayList<>();
                for (Future<Api.Response> future : futures) {
                    statuses.add(future.get(30, TimeUnit.SECONDS).status());
                }
                assertThat(statuses).filteredOn(status -> status == 200).hasSize(1);
                // the aggregate lock is a database lock: writers on both nodes queue on it
                assertThat(statuses).filteredOn(status -> status != 200).containsOnly(412);
                assertThat(jdbc.queryForList(
                                "SELECT sequence_number FROM domain_event_entry WHERE "
                                        + "aggregate_identifier = ? ORDER BY sequence_number",
                                Long.class,
                                orderId))
                        .containsExactly(0L, 1L);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static int secondPort() {
        return ((WebServerApplicationContext) secondNode).getWebServer().getPort();
    }
}
