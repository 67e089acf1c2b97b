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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresServerIT {

    @TempDir
    Path directory;

    @Test
    void aDurableServerSyncsItsWritesToDiskAndATestServerDoesNot() throws Exception {
        try (EmbeddedPostgresServer durable =
                EmbeddedPostgresServer.start(directory.resolve("durable"), 0, true, true)) {
            assertThat(setting(durable, "fsync")).isEqualTo("on");
            assertThat(setting(durable, "synchronous_commit")).isEqualTo("on");
            assertThat(setting(durable, "full_page_writes")).isEqualTo("on");
        }
        try (EmbeddedPostgresServer quick = EmbeddedPostgresServer.start(directory.resolve("quick"), 0, false, true)) {
            assertThat(setting(quick, "fsync")).isEqualTo("off");
            assertThat(setting(quick, "synchronous_commit")).isEqualTo("off");
        }
    }

    @Test
    void aSupervisedServerKilledWithoutWarningIsStartedAgainOnItsPortWithItsCommittedData() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(
                        directory.resolve("supervised"), 0, true, true)
                .supervise(Duration.ofMillis(200))) {
            int port = server.port();
            try (Connection connection = connect(server);
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE acknowledged (id int PRIMARY KEY)");
                statement.execute("INSERT INTO acknowledged VALUES (1), (2), (3)");
            }
            ProcessHandle postmaster = server.postmaster().orElseThrow();

            postmaster.destroyForcibly(); // SIGKILL: no shutdown, crash recovery at the next start
            postmaster.onExit().join();

            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(250))
                    .ignoreExceptions()
                    .until(() -> {
                        try (Connection connection = connect(server);
                                Statement statement = connection.createStatement();
                                ResultSet rows = statement.executeQuery("SELECT count(*) FROM acknowledged")) {
                            rows.next();
                            return rows.getInt(1) == 3;
                        }
                    });
            assertThat(server.port()).isEqualTo(port);
            assertThat(server.postmaster().orElseThrow().pid()).isNotEqualTo(postmaster.pid());
        }
    }

    private static String setting(EmbeddedPostgresServer server, String name) throws SQLException {
        try (Connection connection = connect(server);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SHOW " + name)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static Connection connect(EmbeddedPostgresServer server) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl());
    }
}
