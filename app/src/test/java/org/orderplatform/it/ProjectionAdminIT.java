package org.orderplatform.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.junit.jupiter.api.Test;
import org.orderplatform.eventstore.positions.ProcessorTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;

/** The projection admin API: who may use it, what it shows, and that it refuses overlapping work. */
class ProjectionAdminIT extends PlatformIT {

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    ProcessorTokens tokens;

    @Test
    void withoutAnAdminKeyItIs401() {
        Api anonymous = Api.anonymous(port);
        Api.Response missing = anonymous.get("/admin/projections").send();
        Api.Response wrong =
                anonymous.get("/admin/projections").header("X-API-Key", "guess").send();

        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.problemType()).isEqualTo("api-key-required");
        assertThat(missing.header("WWW-Authenticate")).contains("X-API-Key");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.problemType()).isEqualTo("api-key-invalid");
        assertThat(anonymous
                        .method("POST", "/admin/projections/order-summary/replay")
                        .send()
                        .status())
                .isEqualTo(401);
    }

    @Test
    void itListsEveryProjectionWithItsPositionAndSegments() {
        Api.Response placed = api().placeOrder(OrderJson.valid());
        api().read("/api/v1/orders?limit=1", placed).send();

        JsonNode all = api().admin("GET", "/admin/projections").send().json();

        List<String> names = new ArrayList<>();
        all.forEach(projection -> names.add(projection.get("name").asText()));
        assertThat(names).containsExactly("order-summary", "order-detail", "customer-stats");
        JsonNode summary = all.get(0);
        assertThat(summary.get("state").asText()).isEqualTo("running");
        assertThat(summary.get("head").asLong()).isGreaterThanOrEqualTo(placed.consistencyToken());
        assertThat(summary.get("segments")).hasSize(2);
        assertThat(summary.at("/segments/0/owner").asText()).isNotBlank();
        assertThat(summary.get("lag").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(summary.get("deadLetters").asLong()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void anUnknownProjectionIs404() {
        Api.Response replay =
                api().admin("POST", "/admin/projections/no-such-thing/replay").send();
        Api.Response status =
                api().admin("GET", "/admin/projections/no-such-thing").send();

        assertThat(replay.status()).isEqualTo(404);
        assertThat(replay.problemType()).isEqualTo("projection-not-found");
        assertThat(status.status()).isEqualTo(404);
    }

    /**
     * A rebuild held up on purpose (its target table is locked by an open transaction) is in
     * progress for as long as the test wants: a second rebuild and a replay are refused with 409.
     */
    @Test
    void aRebuildInProgressRefusesASecondRebuildAndAReplay() {
        String inactive = "customer_stats_" + (activeSlot("customer-stats").equals("a") ? "b" : "a");
        TransactionStatus lock = transactions.getTransaction(new DefaultTransactionDefinition());
        try {
            jdbc.execute("LOCK TABLE " + inactive + " IN ACCESS EXCLUSIVE MODE");

            Api.Response started = api().admin("POST", "/admin/projections/customer-stats/rebuild")
                    .send();
            Api.Response again = api().admin("POST", "/admin/projections/customer-stats/rebuild")
                    .send();
            Api.Response replay = api().admin("POST", "/admin/projections/customer-stats/replay")
                    .send();

            assertThat(started.status()).isEqualTo(202);
            assertThat(started.header("Location")).endsWith("/admin/projections/customer-stats");
            assertThat(again.status()).isEqualTo(409);
            assertThat(again.problemType()).isEqualTo("projection-busy");
            assertThat(replay.status()).isEqualTo(409);
        } finally {
            transactions.rollback(lock);
        }
        awaitRebuildDone("customer-stats");
    }

    /**
     * What a node killed mid-rebuild leaves behind: its record of the rebuild, still building, and
     * a heartbeat that stopped. After a restart that rebuild is reported as interrupted (not
     * forgotten), and may be started again.
     */
    @Test
    void aRebuildWhoseNodeDiedMidWayIsReportedAsInterruptedAndCanBeStartedAgain() {
        recordRebuild("customer-stats", "gone-node", "now() - interval '5 minutes'");
        // and its rebuild processor's segments, claimed when it died, which nobody would release
        // (a claim lapses only for another instance of that processor, and none runs)
        tokens.setAll("customer-stats@rebuild", 2, GapAwareTrackingToken.newInstance(0, Collections.emptySortedSet()));
        jdbc.update("UPDATE token_entry SET owner = 'gone-node' WHERE processor_name = 'customer-stats@rebuild'");

        JsonNode rebuild = api().admin("GET", "/admin/projections/customer-stats")
                .send()
                .json()
                .get("rebuild");

        assertThat(rebuild.get("state").asText()).isEqualTo("interrupted");
        assertThat(rebuild.get("error").asText())
                .contains("Node gone-node stopped while it rebuilt")
                .contains("The active slot is unchanged");
        assertThat(rebuild.get("finishedAt").isNull()).isTrue();
        assertThat(rebuild.get("progress").isNull()).isTrue();

        assertThat(api().admin("POST", "/admin/projections/customer-stats/rebuild")
                        .send()
                        .status())
                .isEqualTo(202);
        awaitRebuildDone("customer-stats");
    }

    /** Another node's rebuild that still reports in: a second one here is refused, naming it. */
    @Test
    void aRebuildRunningOnAnotherNodeRefusesOneHere() {
        recordRebuild("customer-stats", "other-node", "now()");
        try {
            Api.Response refused = api().admin("POST", "/admin/projections/customer-stats/rebuild")
                    .send();

            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.problemType()).isEqualTo("projection-busy");
            assertThat(refused.json().get("detail").asText()).contains("a rebuild is running on other-node");
            assertThat(api().admin("GET", "/admin/projections/customer-stats")
                            .send()
                            .json()
                            .at("/rebuild/state")
                            .asText())
                    .isEqualTo("building");
        } finally {
            jdbc.update("UPDATE projection_rebuild SET state = 'failed', finished_at = now()"
                    + " WHERE processing_group = 'customer-stats'");
        }
    }

    private void awaitRebuildDone(String projection) {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> "done"
                        .equals(api().admin("GET", "/admin/projections/" + projection)
                                .send()
                                .json()
                                .at("/rebuild/state")
                                .asText()));
    }

    private void recordRebuild(String projection, String node, String heartbeat) {
        jdbc.update("""
                INSERT INTO projection_rebuild (processing_group, target_slot, state, node, started_at, heartbeat_at)
                VALUES (?, 'b', 'building', ?, now() - interval '10 minutes', %s)
                ON CONFLICT (processing_group) DO UPDATE SET state = 'building', node = excluded.node,
                    started_at = excluded.started_at, heartbeat_at = excluded.heartbeat_at,
                    finished_at = NULL, error = NULL
                """.formatted(heartbeat), projection, node);
    }

    private String activeSlot(String projection) {
        return jdbc.queryForObject(
                "SELECT active_slot FROM read_model_slot WHERE read_model = ?", String.class, projection);
    }
}
