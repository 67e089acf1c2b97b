package org.orderplatform.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A primary and two standbys with quorum commit (W = 2 of N = 3): writes go on with one standby
 * down, wait (never acknowledged) with both down, and every acknowledged write is on the standby
 * that survives the primary's death.
 */
class EmbeddedPostgresClusterIT {

    @TempDir
    Path directory;

    @Test
    void aCommitNeedsOneStandbyAndEveryAcknowledgedOneSurvivesThePrimary() throws Exception {
        try (EmbeddedPostgresCluster cluster =
                EmbeddedPostgresCluster.start(directory.resolve("postgres"), 2, 0, false, true)) {
            execute(cluster.primary(), "CREATE TABLE acknowledged (id int PRIMARY KEY)");
            assertThat(query(
                            cluster.primary(),
                            "SELECT string_agg(application_name || ':' || sync_state, ',' ORDER BY"
                                    + " application_name) FROM pg_stat_replication"))
                    .isEqualTo("standby1:quorum,standby2:quorum");
            List<Integer> acknowledged = new ArrayList<>();
            insert(cluster, 1, acknowledged);

            cluster.stopStandby(2);
            insert(cluster, 2, acknowledged);

            cluster.stopStandby(1);
            // no standby: the commit waits for one, and is not acknowledged meanwhile
            CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
                try {
                    execute(cluster.primary(), "INSERT INTO acknowledged VALUES (3)");
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> query(
                                    cluster.primary(),
                                    "SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'SyncRep'")
                            .equals("1"));
            assertThat(waiting).isNotDone();

            cluster.startStandby(1);
            waiting.get();
            acknowledged.add(3);

            // the primary dies without a goodbye: the standby that was in the quorum has every acknowledged row
            ProcessHandle primary = cluster.primary().postmaster().orElseThrow();
            primary.destroyForcibly();
            primary.onExit().join();
            // a commit waited for the standby's flush, not its replay: it replays what it has
            await().atMost(Duration.ofSeconds(15))
                    .untilAsserted(() -> assertThat(query(
                                    cluster.standby(1),
                                    "SELECT string_agg(id::text, ',' ORDER BY id) FROM acknowledged"))
                            .isEqualTo("1,2,3"));
        }
    }

    private static void insert(EmbeddedPostgresCluster cluster, int id, List<Integer> acknowledged)
            throws SQLException {
        execute(cluster.primary(), "INSERT INTO acknowledged VALUES (" + id + ")");
        acknowledged.add(id);
    }

    private static void execute(EmbeddedPostgresServer server, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl());
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String query(EmbeddedPostgresServer server, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
