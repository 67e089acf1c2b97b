package org.orderplatform.upgrade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.orderplatform.embedded.EmbeddedKafkaServer;
import org.orderplatform.embedded.EmbeddedPostgresServer;
import org.orderplatform.testsupport.PlatformProcess;

/**
 * An upgrade from the previous release, as it is done in production: a rolling one, on a database
 * that release filled. The previous release is its own jar, built from its release commit
 * ({@code scripts/build-release.sh}); this release is the jar of this build. Both run as
 * processes against one real PostgreSQL and one Kafka broker.
 *
 * <ol>
 *   <li>The previous release creates the schema (its own changelog) and fills it: orders with
 *       their events and snapshots, sagas waiting for a payment provider that does not answer,
 *       an idempotency key, a customer's API key, a webhook subscription and its deliveries.
 *   <li>This release's migration, started while a long query holds a lock it needs, gives up after
 *       its lock timeout instead of queueing every request behind it; the node does not start.
 *   <li>This release migrates (expand) while the previous one serves orders: none fails.
 *   <li>Both serve side by side, each reading what the other wrote; the previous release, restarted
 *       on the expanded schema (a rollback of the code), still starts and works.
 *   <li>The previous release goes. Everything it wrote works on this one: orders load and read
 *       the same, commands on them succeed, its idempotency key answers the same order, its API
 *       key works, its sagas finish, its subscription gets new events signed with its secret; and
 *       the backfill fills every row written before the expand.
 *   <li>On this release alone: a rebuild whose node is killed half way reads as interrupted once
 *       the node is back, and runs again.
 * </ol>
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RollingUpgradeIT {

    private static final String ADMIN_KEY = "upgrade-test-admin-key";
    private static final Path LOGS = Path.of("target", "upgrade");
    private static final String SKU = "UPGRADE-SKU";

    private static Path data;
    private static EmbeddedPostgresServer postgres;
    private static EmbeddedKafkaServer kafka;
    private static HttpServer receiver;
    private static final Map<String, List<Map<String, String>>> received = new ConcurrentHashMap<>();

    private static PlatformProcess previous;
    private static PlatformProcess current;

    /** What the previous release wrote, as it answered it then. */
    private static final Map<String, JsonNode> ordersBefore = new LinkedHashMap<>();

    private static String waitingForPayment;
    private static String keyedOrder;
    private static final String IDEMPOTENCY_KEY = "upgrade-" + UUID.randomUUID();
    private static String customerKey;
    private static String subscriptionSecret;

    @BeforeAll
    static void infrastructure() throws Exception {
        data = Files.createTempDirectory("upgrade");
        postgres = EmbeddedPostgresServer.start(data.resolve("postgres"), 0, false, true);
        kafka = EmbeddedKafkaServer.start(data.resolve("kafka"), 0);
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        receiver.createContext("/hook", exchange -> {
            Map<String, String> delivery = new HashMap<>();
            delivery.put("id", exchange.getRequestHeaders().getFirst("webhook-id"));
            delivery.put("timestamp", exchange.getRequestHeaders().getFirst("webhook-timestamp"));
            delivery.put("signature", exchange.getRequestHeaders().getFirst("webhook-signature"));
            delivery.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String orderId =
                    Http.JSON.readTree(delivery.get("body")).path("orderId").asText();
            received.computeIfAbsent(orderId, id -> new CopyOnWriteArrayList<>())
                    .add(delivery);
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterAll
    static void stop() throws Exception {
        for (PlatformProcess node : new PlatformProcess[] {previous, current}) {
            if (node != null) {
                node.close();
            }
        }
        if (receiver != null) {
            receiver.stop(0);
        }
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (data != null) {
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    @Order(1)
    void thePreviousReleaseFillsItsSchema() throws Exception {
        Path jar = Path.of(System.getProperty("upgrade.from.jar", "target/releases/missing.jar"));
        assertThat(jar)
                .as("the previous release's jar (scripts/build-release.sh, run by mvn verify)")
                .isRegularFile();
        // its payment provider does not answer: its sagas wait, retrying, across the upgrade
        previous = PlatformProcess.start(
                jar,
                "previous",
                PlatformProcess.freePort(),
                LOGS,
                settings(Map.of("ORDERS_PAYMENT_PROVIDER_URL", "http://127.0.0.1:" + PlatformProcess.freePort())));
        awaitReady(previous);

        Http.Answer product = post(
                previous,
                "/admin/products",
                ADMIN_KEY,
                "{\"sku\":\"" + SKU + "\",\"name\":\"Kept\",\"initialStock\":1000}");
        assertThat(product.status()).as(product.body()).isEqualTo(201);
        Http.Answer key = post(
                previous,
                "/admin/api-keys",
                ADMIN_KEY,
                "{\"name\":\"kept\",\"scopes\":[\"orders:read\",\"orders:write\"],\"customerId\":\"kept-customer\"}");
        assertThat(key.status()).as(key.body()).isEqualTo(201);
        customerKey = key.json().get("key").asText();
        Http.Answer subscription = post(
                previous,
                "/api/v1/webhook-subscriptions",
                ADMIN_KEY,
                "{\"url\":\"http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook\"}");
        assertThat(subscription.status()).as(subscription.body()).isEqualTo(201);
        subscriptionSecret = subscription.json().get("secret").asText();

        waitingForPayment = place(previous, customerKey, "kept-customer", null);
        keyedOrder = place(previous, ADMIN_KEY, "keyed-customer", IDEMPOTENCY_KEY);
        String moved = place(previous, ADMIN_KEY, "moved-customer", null);
        move(previous, moved, "\"0\"", address("Old Street 1", "Lyon", "FR"));
        String cancelled = place(previous, ADMIN_KEY, "cancelled-customer", null);
        cancel(previous, cancelled, "\"0\"");
        // enough events on one order for a snapshot (the threshold is 3 here)
        for (int i = 2; i <= 4; i++) {
            move(previous, moved, "*", address("Old Street " + i, "Lyon", "FR"));
        }

        for (String orderId : List.of(waitingForPayment, keyedOrder, moved, cancelled)) {
            ordersBefore.put(orderId, awaitOrder(previous, orderId, order -> true));
        }
        assertThat(ordersBefore.get(moved).at("/shippingAddress/line1").asText())
                .isEqualTo("Old Street 4");
        assertThat(ordersBefore.get(cancelled).get("status").asText()).isEqualTo("CANCELLED");
        assertThat(ordersBefore.get(waitingForPayment).get("status").asText()).isEqualTo("PLACED");
        assertThat(count("SELECT count(*) FROM snapshot_event_entry")).isPositive();
        assertThat(count("SELECT count(*) FROM saga_entry")).isPositive();
        assertThat(count("SELECT count(*) FROM databasechangelog WHERE id LIKE '013%'"))
                .isZero();
        awaitDelivered(moved);
    }

    @Test
    @Order(2)
    void aMigrationThatMustWaitForALockGivesUpInsteadOfBlockingTraffic() throws Exception {
        try (Connection reader = connect()) {
            // a long read holds ACCESS SHARE on the table the expand alters; ALTER TABLE needs
            // ACCESS EXCLUSIVE, and queued behind it every later query on the table would wait too
            reader.setAutoCommit(false);
            try (Statement statement = reader.createStatement()) {
                statement.execute("SELECT count(*) FROM order_detail_a");
            }
            PlatformProcess blocked =
                    PlatformProcess.start("current-blocked", PlatformProcess.freePort(), LOGS, settings(Map.of()));
            await().atMost(Duration.ofMinutes(2)).until(() -> !blocked.alive());
            assertThat(Files.readString(blocked.log())).contains("lock timeout");
            // and all the while, the previous release served
            assertThat(Http.get(previous.url("/api/v1/orders?limit=1"), ADMIN_KEY, Map.of())
                            .status())
                    .isEqualTo(200);
            reader.rollback();
        }
        assertThat(count("SELECT count(*) FROM databasechangelog WHERE id LIKE '013%'"))
                .isZero();
        assertThat(count("SELECT count(*) FROM information_schema.columns WHERE column_name = 'ship_to_country'"))
                .isZero();
    }

    @Test
    @Order(3)
    void thisReleaseMigratesWhileThePreviousOneServes() throws Exception {
        List<Integer> failures = new CopyOnWriteArrayList<>();
        List<String> placedMeanwhile = new CopyOnWriteArrayList<>();
        AtomicBoolean migrating = new AtomicBoolean(true);
        Thread load = new Thread(() -> {
            int i = 0;
            while (migrating.get()) {
                Http.Answer placed = Http.send(
                        "POST",
                        previous.url("/api/v1/orders"),
                        ADMIN_KEY,
                        order("during-customer", "Main Road " + i++),
                        Map.of("Idempotency-Key", UUID.randomUUID().toString()));
                if (placed.status() == 201) {
                    placedMeanwhile.add(placed.json().get("orderId").asText());
                } else {
                    failures.add(placed.status());
                }
                // steady traffic, not a flood: a client's pace, tens of orders a second
                LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
            }
        });
        load.start();
        try {
            int port = PlatformProcess.freePort();
            // its own sandbox is its payment provider: the waiting sagas finish on it later
            current = PlatformProcess.start("current", port, LOGS, settings(Map.of()));
            awaitReady(current);
        } finally {
            migrating.set(false);
            load.join();
        }
        assertThat(failures).as("answers other than 201 while migrating").isEmpty();
        assertThat(placedMeanwhile).isNotEmpty();
        assertThat(count("SELECT count(*) FROM databasechangelog WHERE id LIKE '013%' OR id LIKE '014%'"))
                .isEqualTo(3);
        assertThat(count("SELECT count(*) FROM databasechangelog WHERE tag = 'v0.1.0'"))
                .isEqualTo(1);
        // every one of them reaches the read model, whichever node's projection takes it
        await().atMost(Duration.ofSeconds(90))
                .until(
                        () -> count("SELECT count(*) FROM order_detail_a WHERE order_id = ANY ('{"
                                + String.join(",", placedMeanwhile) + "}')"),
                        n -> n == placedMeanwhile.size());
        awaitOrder(current, placedMeanwhile.get(placedMeanwhile.size() - 1), order -> true);
    }

    @Test
    @Order(4)
    void bothReleasesServeSideBySideAndThePreviousOneRestartsOnTheExpandedSchema() throws Exception {
        String fromPrevious = place(previous, ADMIN_KEY, "side-by-side", null);
        JsonNode readByCurrent = awaitOrder(current, fromPrevious, order -> true);
        assertThat(readByCurrent.at("/shippingAddress/city").asText()).isEqualTo("Berlin");
        // the previous release changes the document alone: this release reads the change
        move(previous, fromPrevious, "*", address("New Street 9", "Hamburg", "DE"));
        awaitOrder(
                current,
                fromPrevious,
                order -> order.at("/shippingAddress/city").asText().equals("Hamburg"));

        String fromCurrent = place(current, ADMIN_KEY, "side-by-side", null);
        assertThat(awaitOrder(previous, fromCurrent, order -> true)
                        .at("/shippingAddress/line1")
                        .asText())
                .isEqualTo("Unter den Linden 1");

        // rolling the code back keeps the expanded schema: the previous release starts on it
        previous.kill();
        previous.restart();
        awaitReady(previous);
        assertThat(awaitOrder(previous, fromCurrent, order -> true)
                        .get("orderId")
                        .asText())
                .isEqualTo(fromCurrent);
        String afterRestart = place(previous, ADMIN_KEY, "side-by-side", null);
        awaitOrder(current, afterRestart, order -> true);
    }

    @Test
    @Order(5)
    void afterThePreviousReleaseIsGoneEverythingItWroteStillWorks() throws Exception {
        previous.close();

        // its orders read as they did, through this release's read path
        ordersBefore.forEach((orderId, before) -> {
            JsonNode after = awaitOrder(
                    current,
                    orderId,
                    order -> !order.get("status").asText().equals("PLACED") || !orderId.equals(waitingForPayment));
            assertThat(after.get("shippingAddress")).isEqualTo(before.get("shippingAddress"));
            assertThat(after.get("customerId")).isEqualTo(before.get("customerId"));
            assertThat(after.get("lines")).isEqualTo(before.get("lines"));
        });

        // its sagas finish: the payment is authorized by this release's provider
        assertThat(awaitOrder(
                                current,
                                waitingForPayment,
                                order -> order.get("status").asText().equals("CONFIRMED"))
                        .get("status")
                        .asText())
                .isEqualTo("CONFIRMED");

        // its idempotency key answers the order it made, not a second one
        Http.Answer replayed = Http.send(
                "POST",
                current.url("/api/v1/orders"),
                ADMIN_KEY,
                order("keyed-customer", "Unter den Linden 1"),
                Map.of("Idempotency-Key", IDEMPOTENCY_KEY));
        assertThat(replayed.status()).as(replayed.body()).isEqualTo(201);
        assertThat(replayed.json().get("orderId").asText()).isEqualTo(keyedOrder);

        // its customer's key works, and its aggregates (events and snapshots) take commands
        Http.Answer ownOrder = Http.get(current.url("/api/v1/orders/" + waitingForPayment), customerKey, Map.of());
        assertThat(ownOrder.status()).as(ownOrder.body()).isEqualTo(200);
        String moved = new ArrayList<>(ordersBefore.keySet()).get(2);
        cancel(current, moved, "*");

        // its subscription gets this release's events, signed with the secret it was given
        String placedNow = place(current, ADMIN_KEY, "after-upgrade", null);
        awaitDelivered(placedNow);
        Map<String, String> delivery = received.get(placedNow).get(0);
        assertThat(delivery.get("signature"))
                .contains("v1,"
                        + sign(delivery.get("id") + "." + delivery.get("timestamp") + "." + delivery.get("body")));

        // and the backfill gives every row written before the expand its address columns
        await().atMost(Duration.ofSeconds(60))
                .until(() -> count("SELECT count(*) FROM order_detail_a WHERE ship_to_country IS NULL"), n -> n == 0);
        assertThat(count("SELECT count(*) FROM order_detail_a WHERE ship_to_city IS DISTINCT FROM"
                        + " shipping_address ->> 'city'"))
                .isZero();
    }

    /**
     * A rebuild whose node is killed while it fills the inactive slot (SIGKILL: nothing recorded
     * on the way out) is reported as interrupted once the node is back, not forgotten, and can be
     * run again. Here because this suite has a node process to kill; this release's node is the
     * last one left. (One killed later, its rebuild processor's segments claimed, leaves claims
     * nobody releases: ProjectionAdminIT shows a rebuild starts over them.)
     */
    @Test
    @Order(6)
    void aRebuildKilledHalfWayIsReportedAsInterruptedAfterTheRestart() throws Exception {
        String projection = current.url("/admin/projections/customer-stats");
        String inactive = "customer_stats_"
                + (Http.get(projection, ADMIN_KEY, Map.of())
                                .json()
                                .get("activeSlot")
                                .asText()
                                .equals("a")
                        ? "b"
                        : "a");
        try (Connection reader = connect()) {
            // the rebuild empties the inactive slot first: a reader in the way holds it there
            reader.setAutoCommit(false);
            try (Statement statement = reader.createStatement()) {
                statement.execute("LOCK TABLE " + inactive + " IN ACCESS SHARE MODE");
            }
            // the previous release's claims on the projection's segments may not have run out yet
            awaitRebuildStarted();
            assertThat(Http.get(projection, ADMIN_KEY, Map.of())
                            .json()
                            .at("/rebuild/state")
                            .asText())
                    .isEqualTo("building");

            current.kill();
            reader.rollback();
        }
        current.restart();
        awaitReady(current);

        JsonNode[] rebuild = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    rebuild[0] =
                            Http.get(projection, ADMIN_KEY, Map.of()).json().get("rebuild");
                    return rebuild[0].get("state").asText().equals("interrupted");
                });
        assertThat(rebuild[0].get("error").asText()).contains("stopped while it rebuilt", "start the rebuild again");
        assertThat(rebuild[0].get("targetSlot").asText()).isEqualTo(inactive.substring(inactive.length() - 1));

        // the killed process's claims run out first (the same name: a new process id)
        awaitRebuildStarted();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> Http.get(projection, ADMIN_KEY, Map.of())
                        .json()
                        .at("/rebuild/state")
                        .asText()
                        .equals("done"));
    }

    /** Starts a rebuild once nobody else claims the projection's segments (409 until then). */
    private static void awaitRebuildStarted() {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    Http.Answer started = post(current, "/admin/projections/customer-stats/rebuild", ADMIN_KEY, null);
                    assertThat(started.status()).as(started.body()).isIn(202, 409);
                    return started.status() == 202;
                });
    }

    /** Some event of the order reached the subscriber; if none does, what the deliveries say. */
    private static void awaitDelivered(String orderId) throws SQLException {
        try {
            await().atMost(Duration.ofSeconds(90)).until(() -> received.containsKey(orderId));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(
                    "No event of order " + orderId + " reached the subscriber; received for " + received.keySet()
                            + "; its deliveries: "
                            + rows("SELECT event_type || ' ' || status || ' attempts '"
                                    + " || attempts FROM webhook_delivery WHERE order_id = '" + orderId + "'")
                            + "; last attempts: "
                            + rows("SELECT coalesce(status_code::text, error) FROM"
                                    + " webhook_delivery_attempt ORDER BY attempted_at DESC LIMIT 3"),
                    e);
        }
    }

    private static List<String> rows(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    private static Map<String, String> settings(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>();
        env.put("ORDERS_DB_URL", postgres.jdbcUrl());
        env.put("ORDERS_DB_USER", EmbeddedPostgresServer.USER);
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("ORDERS_ADMIN_API_KEY", ADMIN_KEY);
        env.put("ORDERS_CLUSTER_ENABLED", "false");
        env.put("ORDERS_WEBHOOKS_ALLOW_PRIVATE_TARGETS", "true");
        env.put("ORDERS_WEBHOOKS_REQUIRE_HTTPS", "false");
        env.put("ORDERS_PAYMENT_RETRY_INTERVAL", "2s");
        env.put("ORDERS_SNAPSHOTS_ORDER_THRESHOLD", "3");
        env.put("ORDERS_THROTTLING_ADMIN_LIMIT", "1000000");
        env.put("ORDERS_THROTTLING_ANONYMOUS_LIMIT", "1000000");
        env.put("ORDERS_MIGRATION_LOCK_TIMEOUT", "2s");
        env.put("ORDERS_MIGRATION_BACKFILL_INTERVAL", "1s");
        env.putAll(extra);
        return env;
    }

    private static void awaitReady(PlatformProcess node) {
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    assertThat(node.alive())
                            .as("%s running (see %s)", node.id(), node.log())
                            .isTrue();
                    try {
                        return Http.get(node.url("/actuator/health/readiness"), null, Map.of())
                                        .status()
                                == 200;
                    } catch (RuntimeException notYet) {
                        return false;
                    }
                });
    }

    private static String place(PlatformProcess node, String key, String customer, String idempotencyKey) {
        Http.Answer placed = Http.send(
                "POST",
                node.url("/api/v1/orders"),
                key,
                order(customer, "Unter den Linden 1"),
                Map.of(
                        "Idempotency-Key",
                        idempotencyKey != null
                                ? idempotencyKey
                                : UUID.randomUUID().toString()));
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        return placed.json().get("orderId").asText();
    }

    /** The order as {@code node} reads it, once it is there and {@code until} holds. */
    private static JsonNode awaitOrder(PlatformProcess node, String orderId, Predicate<JsonNode> until) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    Http.Answer read = Http.get(node.url("/api/v1/orders/" + orderId), ADMIN_KEY, Map.of());
                    assertThat(read.status()).as(read.body()).isIn(200, 404);
                    if (read.status() != 200 || !until.test(read.json())) {
                        return false;
                    }
                    found[0] = read.json();
                    return true;
                });
        return found[0];
    }

    private static void move(PlatformProcess node, String orderId, String ifMatch, String address) {
        Http.Answer moved = Http.send(
                "PUT",
                node.url("/api/v1/orders/" + orderId + "/shipping-address"),
                ADMIN_KEY,
                address,
                Map.of("If-Match", ifMatch));
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
    }

    private static void cancel(PlatformProcess node, String orderId, String ifMatch) {
        Http.Answer cancel = Http.send(
                "POST",
                node.url("/api/v1/orders/" + orderId + "/cancellation"),
                ADMIN_KEY,
                null,
                Map.of("If-Match", ifMatch, "Idempotency-Key", UUID.randomUUID().toString()));
        assertThat(cancel.status()).as(cancel.body()).isEqualTo(200);
    }

    private static Http.Answer post(PlatformProcess node, String path, String key, String body) {
        return Http.send(
                "POST",
                node.url(path),
                key,
                body,
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    }

    private static String order(String customer, String line1) {
        return "{\"customerId\":\"" + customer + "\",\"currency\":\"EUR\",\"paymentToken\":\"tok_visa\","
                + "\"lines\":[{\"sku\":\"" + SKU + "\",\"quantity\":1,\"unitPriceMinor\":1000}],"
                + "\"shippingAddress\":" + address(line1, "Berlin", "DE") + "}";
    }

    private static String address(String line1, String city, String country) {
        return "{\"recipient\":\"Ada Lovelace\",\"line1\":\"" + line1 + "\",\"city\":\"" + city
                + "\",\"postalCode\":\"10117\",\"country\":\"" + country + "\"}";
    }

    private static String sign(String content) throws Exception {
        String secret = subscriptionSecret.startsWith("whsec_") ? subscriptionSecret.substring(6) : subscriptionSecret;
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(), EmbeddedPostgresServer.USER, null);
    }

    private static long count(String sql) throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
