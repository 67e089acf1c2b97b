package org.orderplatform.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.orderplatform.testsupport.PlatformProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chaos suite ({@code mvn verify -Pchaos}, docs/chaos.md). One platform for the whole suite
 * (two nodes on a PostgreSQL primary with two standbys and three Kafka brokers); each scenario runs
 * the mixed load, injects its faults while the load goes on, heals them, and then waits for the
 * invariants to hold over everything done so far. A fault is held until the load shows it bit (so
 * many requests refused, the relay's lag grown, ...), never for a fixed time. The table is printed
 * and written to {@code target/chaos/table.md}.
 *
 * <p>{@code -Dchaos.sabotage=no-idempotency} runs the nodes with idempotency keys ignored, to watch
 * the suite catch the duplicates that follow (it must then fail).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChaosIT {

    private static final Logger log = LoggerFactory.getLogger(ChaosIT.class);
    private static final Duration SETTLE = Duration.ofMinutes(3);
    private static final Duration FAULT_BITES = Duration.ofMinutes(2);
    private static final int WORKERS = 4;

    private static Platform platform;
    private static Invariants invariants;
    private static final Map<String, Load.Placed> ledger = new ConcurrentHashMap<>();
    private static final List<Row> table = new ArrayList<>();

    record Row(
            String scenario,
            String faults,
            Load.Tally load,
            Invariants.Result result,
            Duration recovery,
            Duration took) {}

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> sabotage = switch (System.getProperty("chaos.sabotage", "")) {
            case "" -> Map.of();
            case "no-idempotency" -> Map.of("ORDERS_IDEMPOTENCY_ENABLED", "false");
            default -> throw new IllegalArgumentException("chaos.sabotage: no-idempotency, or nothing");
        };
        platform = Platform.start(sabotage);
        invariants = new Invariants(platform);
    }

    @AfterAll
    static void stop() throws Exception {
        String rendered = render();
        System.out.println(rendered);
        Files.createDirectories(Path.of("target", "chaos"));
        Files.writeString(Path.of("target", "chaos", "table.md"), rendered);
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @Order(1)
    void baseline() throws Exception {
        scenario("baseline", load -> {
            bites(() -> load.progress().acknowledged(), 20);
            return "none";
        });
    }

    @Test
    @Order(2)
    void kafkaBrokersLostOneThenTwo() throws Exception {
        scenario("kafka brokers", load -> {
            try {
                platform.kafka.stopBroker(2);
                bites(() -> load.progress().acknowledged(), 15);
                platform.kafka.stopBroker(3);
                // one broker left of three, two needed per write: orders are still taken, and the
                // relay stalls: nothing reaches the topic
                Map<Integer, Long> before = platform.topicRecords();
                bites(() -> load.progress().acknowledged(), 20);
                platform.topicRecords()
                        .forEach((partition, records) -> assertThat(records)
                                .as("records on partition %d, written with one broker of three", partition)
                                .isEqualTo(before.getOrDefault(partition, records)));
            } finally {
                platform.kafka.startBroker(2);
                platform.kafka.startBroker(3);
            }
            return "broker 2 killed; broker 3 killed (relay stalls, orders taken); both back";
        });
    }

    @Test
    @Order(3)
    void postgresStandbysLostOneThenBoth() throws Exception {
        scenario("postgres standbys", load -> {
            try {
                platform.postgres.stopStandby(2);
                bites(() -> load.progress().acknowledged(), 15);
                platform.postgres.stopStandby(1);
                // no standby for the quorum: changes refused with 503, nothing lost
                bites(() -> load.progress().refused(), 10);
            } finally {
                platform.postgres.startStandby(1);
                platform.postgres.startStandby(2);
            }
            return "standby 2 killed; standby 1 killed (writes refused); both back";
        });
    }

    @Test
    @Order(4)
    void postgresPrimaryPaused() throws Exception {
        scenario("primary paused", load -> {
            List<ProcessHandle> server = primaryProcesses();
            signal("STOP", server);
            try {
                bites(() -> load.progress().unanswered() + load.progress().refused(), 8);
            } finally {
                signal("CONT", server);
            }
            return "SIGSTOP of the primary (" + server.size() + " processes); SIGCONT";
        });
    }

    @Test
    @Order(5)
    void postgresBackendsTerminated() throws Exception {
        scenario("backends terminated", load -> {
            int terminated = 0;
            for (int round = 0; round < 3; round++) {
                terminated += terminateBackends();
                bites(() -> load.progress().acknowledged(), 5);
            }
            return "pg_terminate_backend of " + terminated + " connections, in 3 rounds";
        });
    }

    @Test
    @Order(6)
    void appNodeKilledMidSaga() throws Exception {
        scenario("app node killed", load -> {
            PlatformProcess victim = platform.nodes.get(1);
            victim.kill();
            try {
                // node-1 takes the load and, once the claims time out, node-2's saga and relay segments
                bites(() -> load.progress().acknowledged(), 30);
            } finally {
                victim.restart();
            }
            await().atMost(Duration.ofMinutes(3)).until(() -> Platform.ready(victim));
            return "SIGKILL of node-2 under load; restarted";
        });
    }

    @Test
    @Order(7)
    void networkLatencyToTheDatabase() throws Exception {
        scenario("db latency", load -> {
            platform.proxy.latency(Duration.ofMillis(100));
            try {
                bites(() -> load.progress().acknowledged(), 10);
            } finally {
                platform.proxy.heal();
            }
            return "100 ms each way on every database packet";
        });
    }

    @Test
    @Order(8)
    void droppedDatabaseConnections() throws Exception {
        scenario("db connections dropped", load -> {
            long dropped = 0;
            try {
                for (int round = 0; round < 3; round++) {
                    dropped += platform.proxy.dropAll();
                    bites(() -> load.progress().acknowledged(), 5);
                }
                // and a moment when no connection gets through at all
                platform.proxy.refuse(true);
                dropped += platform.proxy.dropAll();
                bites(() -> load.progress().refused() + load.progress().unanswered(), 5);
            } finally {
                platform.proxy.heal();
            }
            return dropped + " connections reset in 4 rounds; new connections refused after the last";
        });
    }

    @Test
    @Order(9)
    void chaosMonkeyAssaults() throws Exception {
        scenario("chaos monkey", load -> {
            String assaults = "{\"level\":3,\"latencyActive\":true,\"latencyRangeStart\":50,\"latencyRangeEnd\":400,"
                    + "\"exceptionsActive\":true,\"exception\":{\"type\":"
                    + "\"org.springframework.dao.TransientDataAccessResourceException\",\"arguments\":"
                    + "[{\"type\":\"java.lang.String\",\"value\":\"Chaos Monkey assault\"}]}}";
            try {
                for (PlatformProcess node : platform.nodes) {
                    Http.Answer configured = post(node, "/actuator/chaosmonkey/assaults", assaults);
                    assertThat(configured.status()).as(configured.body()).isEqualTo(200);
                    assertThat(post(node, "/actuator/chaosmonkey/enable", null).status())
                            .isEqualTo(200);
                }
                bites(() -> load.progress().refused(), 10);
                bites(() -> load.progress().acknowledged(), 15);
            } finally {
                for (PlatformProcess node : platform.nodes) {
                    post(node, "/actuator/chaosmonkey/disable", null);
                }
            }
            return "latency 50-400 ms and TransientDataAccessResourceException in a third of the store calls";
        });
    }

    @Test
    @Order(10)
    void webhookReceiversFailAndHang() throws Exception {
        scenario("webhook receivers", load -> {
            try {
                platform.receiver.mode("flaky", Receiver.Mode.FAIL);
                bites(platform.receiver::refusals, 30);
                platform.receiver.mode("flaky", Receiver.Mode.HANG);
                bites(platform.receiver::refusals, 5);
            } finally {
                platform.receiver.mode("flaky", Receiver.Mode.ANSWER);
            }
            return "one endpoint answers 503 (retries, breaker, dead letters), then hangs past the timeout";
        });
    }

    @FunctionalInterface
    interface Fault {
        String inject(Load load) throws Exception;
    }

    private static void scenario(String name, Fault fault) throws Exception {
        long started = System.nanoTime();
        Load load = Load.start(name.replace(' ', '-'), WORKERS, platform::nodeUrls, ledger);
        String faults;
        long healed;
        Load.Tally tally;
        try {
            bites(() -> load.progress().acknowledged(), 10); // the load is going before the fault
            faults = fault.inject(load);
            healed = System.nanoTime();
            long before = load.progress().acknowledged();
            // the platform takes changes again after the fault
            await().atMost(SETTLE).until(() -> load.progress().acknowledged() >= before + 10);
        } finally {
            // (also when the scenario fails: its clients must not run on into the next one)
            tally = load.stop();
        }
        Invariants.Result[] last = new Invariants.Result[1];
        try {
            await().atMost(SETTLE).pollInterval(Duration.ofSeconds(2)).until(() -> {
                last[0] = invariants.check(ledger);
                if (!last[0].holds()) {
                    log.info(
                            "{}: {} violations so far, e.g. {}",
                            name,
                            last[0].violations().size(),
                            last[0].violations().stream().limit(3).toList());
                }
                return last[0].holds();
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // reported below, with the violations
        }
        Duration recovery = Duration.ofNanos(System.nanoTime() - healed);
        table.add(new Row(name, faults, tally, last[0], recovery, Duration.ofNanos(System.nanoTime() - started)));
        assertThat(tally.rejectedOrders())
                .as("valid orders refused with 4xx (the last: %s)", tally.lastRejection())
                .isZero();
        assertThat(tally.abandoned())
                .as("requests that never got a final answer")
                .isZero();
        assertThat(last[0].violations()).as("invariants after " + name).isEmpty();
        assertThat(last[0].lost()).isZero();
        assertThat(last[0].duplicated()).isZero();
    }

    /** Holds the fault until it shows: the count grows by at least {@code by}. */
    private static void bites(LongSupplier count, long by) {
        long from = count.getAsLong();
        await().atMost(FAULT_BITES).pollInterval(Duration.ofMillis(200)).until(() -> count.getAsLong() >= from + by);
    }

    private static int terminateBackends() {
        return (int) count("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                + " WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()"
                + " AND application_name <> 'chaos-suite'");
    }

    private static long count(String query) {
        try (Connection db = platform.primary();
                Statement sql = db.createStatement()) {
            sql.execute("SET application_name = 'chaos-suite'");
            try (ResultSet rows = sql.executeQuery(query)) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (Exception e) {
            return -1;
        }
    }

    /** The postmaster and its children: SIGSTOP of the postmaster alone leaves the backends running. */
    private static List<ProcessHandle> primaryProcesses() {
        ProcessHandle postmaster = platform.postgres.primary().postmaster().orElseThrow();
        List<ProcessHandle> all = new ArrayList<>();
        all.add(postmaster);
        postmaster.descendants().forEach(all::add);
        return all;
    }

    private static void signal(String signal, List<ProcessHandle> processes) throws Exception {
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
        processes.forEach(process -> command.add(Long.toString(process.pid())));
        new ProcessBuilder(command).inheritIO().start().waitFor();
    }

    private static Http.Answer post(PlatformProcess node, String path, String body) {
        return Http.send("POST", node.url(path), body, Map.of(), Duration.ofSeconds(10));
    }

    private static String render() {
        StringBuilder out = new StringBuilder();
        out.append("| scenario | faults injected | requests | acknowledged | refused (5xx/429) | unanswered |"
                + " lost | duplicated | topic copies | receiver copies | recovery | took |\n");
        out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row row : table) {
            Invariants.Result result = row.result();
            out.append(String.format(
                    "| %s | %s | %d | %d | %d | %d | %s | %s | %s | %s | %.1f s | %.0f s |%n",
                    row.scenario(),
                    row.faults(),
                    row.load().requests(),
                    row.load().acknowledged(),
                    row.load().refused(),
                    row.load().unanswered(),
                    result == null ? "?" : result.lost(),
                    result == null ? "?" : result.duplicated(),
                    result == null ? "?" : result.topicCopies(),
                    result == null ? "?" : result.receiverCopies(),
                    row.recovery().toMillis() / 1000.0,
                    row.took().toMillis() / 1000.0));
        }
        for (Row row : table) {
            if (row.result() != null && !row.result().holds()) {
                out.append("\n").append(row.scenario()).append(" violations (first 20):\n");
                row.result().violations().stream()
                        .limit(20)
                        .forEach(violation -> out.append("- ").append(violation).append('\n'));
            }
        }
        return out.toString();
    }
}
