package org.orderplatform.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.orderplatform.OrderPlatformApplication;
import org.orderplatform.embedded.EmbeddedPostgresCluster;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Queries on a streaming standby ({@code ORDERS_EMBEDDED_READ_FROM_STANDBY}, as
 * {@code ORDERS_DB_READ_URL} would name one): without a consistency token they read there; with
 * one, there only once the standby has replayed the write, else on the primary; with the standby
 * gone, on the primary. {@code X-Read-Source} says which. The standby's replay is paused to make it
 * lag on purpose (its WAL still arrives, so commits go on).
 */
@SpringBootTest(
        classes = OrderPlatformApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "orders.embedded.ephemeral=true",
            "orders.embedded.postgres-standbys=1",
            "orders.embedded.read-from-standby=true",
            "orders.admin.api-key=" + PlatformIT.ADMIN_KEY,
            "orders.fulfilment.enabled=false",
            "orders.webhooks.dispatcher.enabled=false"
        })
@DirtiesContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicaReadsIT {

    @LocalServerPort
    int port;

    @Autowired
    EmbeddedPostgresCluster database;

    @Test
    @Order(1)
    void aReadWithATokenIsServedByTheStandbyOnceItHasReplayedTheWrite() {
        Api api = new Api(port);
        Api.Response placed = api.placeOrder(OrderJson.valid());
        String orderId = placed.json().get("orderId").asText();

        Api.Response read = api.read("/api/v1/orders/" + orderId, placed).send();
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(read.header("X-Read-Consistency")).isEqualTo("fresh");
        assertThat(read.header("X-Read-Source")).isEqualTo("replica");

        Api.Response page = api.get("/api/v1/orders?limit=5").send();
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("X-Read-Source")).isEqualTo("replica");
        assertThat(api.get("/api/v2/orders/" + orderId).send().header("X-Read-Source"))
                .isEqualTo("replica");
    }

    @Test
    @Order(2)
    void aStandbyThatHasNotReplayedTheWriteIsPassedOverForThePrimary() throws Exception {
        Api api = new Api(port);
        onStandby("SELECT pg_wal_replay_pause()");
        try {
            Api.Response placed = api.placeOrder(OrderJson.valid());
            String orderId = placed.json().get("orderId").asText();

            // without the token: the standby, which does not have it yet
            Api.Response unaware = api.get("/api/v1/orders/" + orderId).send();
            assertThat(unaware.status()).isEqualTo(404);
            assertThat(unaware.header("X-Read-Source")).isEqualTo("replica");

            // with it: the wait for the standby runs out, the primary answers, fresh
            Api.Response read = api.read("/api/v1/orders/" + orderId, placed).send();
            assertThat(read.status()).as(read.body()).isEqualTo(200);
            assertThat(read.header("X-Read-Consistency")).isEqualTo("fresh");
            assertThat(read.header("X-Read-Source")).isEqualTo("primary");
            Api.Response listed = api.read("/api/v1/orders?limit=1", placed).send();
            assertThat(listed.header("X-Read-Source")).isEqualTo("primary");
            assertThat(listed.json().at("/items/0/orderId").asText()).isEqualTo(orderId);

            onStandby("SELECT pg_wal_replay_resume()");
            Api.Response caughtUp =
                    api.read("/api/v1/orders/" + orderId, placed).send();
            assertThat(caughtUp.status()).isEqualTo(200);
            assertThat(caughtUp.header("X-Read-Source")).isEqualTo("replica");
        } finally {
            onStandby("SELECT pg_wal_replay_resume()");
        }
    }

    @Test
    @Order(3)
    void withTheStandbyGoneReadsGoToThePrimary() {
        Api api = new Api(port);
        Api.Response placed = api.placeOrder(OrderJson.valid());
        String orderId = placed.json().get("orderId").asText();
        // the read model must have committed the order first: with its only standby gone the
        // primary holds every commit (the write quorum), the projection's too
        assertThat(api.read("/api/v1/orders/" + orderId, placed).send().header("X-Read-Consistency"))
                .isEqualTo("fresh");
        database.stopStandby(1);
        try {
            Api.Response read = api.read("/api/v1/orders/" + orderId, placed).send();
            assertThat(read.status()).as(read.body()).isEqualTo(200);
            assertThat(read.header("X-Read-Source")).isEqualTo("primary");

            Api.Response page = api.get("/api/v1/orders?limit=1").send();
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            assertThat(page.header("X-Read-Source")).isEqualTo("primary");
        } finally {
            database.startStandby(1);
        }
    }

    private void onStandby(String sql) throws Exception {
        try (Connection standby =
                        DriverManager.getConnection(database.standby(1).jdbcUrl());
                Statement statement = standby.createStatement()) {
            statement.execute(sql);
        }
    }
}
