package org.orderplatform.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.orderplatform.OrderPlatformApplication;
import org.orderplatform.embedded.EmbeddedPostgresCluster;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The platform on a PostgreSQL primary with two standbys and quorum commit
 * ({@code ORDERS_EMBEDDED_POSTGRES_STANDBYS=2}: a commit needs the primary and one standby). One
 * standby lost, orders are taken; both lost, changes are refused at once with 503 while reads go
 * on; a standby back, changes go on; and when the primary dies, the standby that was left has
 * every order that was acknowledged.
 */
@SpringBootTest(
        classes = OrderPlatformApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "orders.embedded.ephemeral=true",
            "orders.embedded.postgres-standbys=2",
            "orders.admin.api-key=" + PlatformIT.ADMIN_KEY,
            "orders.fulfilment.enabled=false",
            "orders.webhooks.dispatcher.enabled=false"
        })
@DirtiesContext
class QuorumCommitIT {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @LocalServerPort
    int port;

    @Autowired
    EmbeddedPostgresCluster database;

    @Test
    void ordersNeedTheQuorumAndEveryAcknowledgedOneIsOnTheStandbyLeft() throws Exception {
        Api api = new Api(port);
        List<String> acknowledged = new ArrayList<>();
        acknowledged.add(api.placeOrder());

        database.stopStandby(2);
        acknowledged.add(api.placeOrder());
        acknowledged.add(api.placeOrder());

        database.stopStandby(1);
        // within a second the node knows (a change that was committing then waits for a standby)
        await().atMost(PATIENCE)
                .until(() -> api.get("/actuator/health")
                        .send()
                        .json()
                        .at("/components/writeQuorum/status")
                        .asText()
                        .equals("DOWN"));
        // then a change is refused at once, not left waiting for a standby; nothing was changed
        Api.Response refused = api.post("/api/v1/orders")
                .idempotencyKey()
                .json(OrderJson.valid())
                .within(PATIENCE)
                .send();
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.header("Retry-After")).isNotBlank();
        assertThat(refused.body()).contains("0 of the 1 standby(s)");
        // reads go on
        Api.Response read = api.get("/api/v1/orders/" + acknowledged.get(0))
                .within(PATIENCE)
                .send();
        assertThat(read.status()).as(read.body()).isEqualTo(200);

        database.startStandby(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Api.Response placed = api.post("/api/v1/orders")
                    .idempotencyKey()
                    .json(OrderJson.valid())
                    .within(PATIENCE)
                    .send();
            if (placed.status() == 201) {
                acknowledged.add(placed.json().get("orderId").asText());
                return true;
            }
            return false;
        });

        // the primary dies without a goodbye: standby1, the only one in the quorum since
        // standby2 left, has every acknowledged order
        ProcessHandle primary = database.primary().postmaster().orElseThrow();
        primary.destroyForcibly();
        primary.onExit().join();
        assertThat(ordersOn(database.standby(1).jdbcUrl(), acknowledged))
                .containsExactlyInAnyOrderElementsOf(acknowledged);
    }

    private static List<String> ordersOn(String jdbcUrl, List<String> orderIds) throws Exception {
        List<String> found = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
                PreparedStatement query = connection.prepareStatement(
                        "SELECT DISTINCT aggregate_identifier FROM domain_event_entry WHERE aggregate_identifier = ANY (?)")) {
            query.setArray(1, connection.createArrayOf("varchar", orderIds.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    found.add(rows.getString(1));
                }
            }
        }
        return found;
    }
}
