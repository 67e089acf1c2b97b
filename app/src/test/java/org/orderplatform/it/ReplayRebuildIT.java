package org.orderplatform.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.orderplatform.api.order.CancellationReason;
import org.orderplatform.api.order.OrderCancelled;
import org.orderplatform.api.order.OrderLine;
import org.orderplatform.api.order.OrderPlaced;
import org.orderplatform.api.order.ShippingAddress;
import org.orderplatform.api.order.ShippingAddressChanged;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;

/**
 * Read models built from ~5,000 events answer the same after a replay, and stay complete and
 * correct for every query issued while they are rebuilt.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplayRebuildIT extends PlatformIT {

    private static final int ORDERS = 1_200;
    private static final List<String> PROJECTIONS = List.of("order-summary", "order-detail", "customer-stats");

    @Autowired
    EventStore eventStore;

    @Autowired
    PlatformTransactionManager transactions;

    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private final List<String> customers = new ArrayList<>();
    private final List<String> sampleOrders = new ArrayList<>();

    /** ~5,000 events of 1,200 orders for 30 customers, appended straight to the event store. */
    @BeforeAll
    void appendFiveThousandEvents() {
        Random random = new Random(42);
        for (int c = 0; c < 30; c++) {
            customers.add("replay-" + run + "-" + c);
        }
        List<DomainEventMessage<?>> batch = new ArrayList<>();
        for (int o = 0; o < ORDERS; o++) {
            String orderId = UUID.randomUUID().toString();
            String customer = customers.get(random.nextInt(customers.size()));
            List<OrderLine> lines = List.of(
                    new OrderLine("SKU-" + random.nextInt(50), 1 + random.nextInt(9), 100 + random.nextInt(9_900)));
            long total = lines.get(0).lineTotalMinor();
            String currency = random.nextBoolean() ? "EUR" : "USD";
            long version = 0;
            batch.add(event(
                    orderId, version++, new OrderPlaced(orderId, customer, currency, lines, address(0), total, null)));
            for (int change = 1; change <= 2 + random.nextInt(3); change++) {
                batch.add(event(orderId, version++, new ShippingAddressChanged(orderId, address(change))));
            }
            if (random.nextInt(4) == 0) {
                batch.add(event(
                        orderId,
                        version,
                        new OrderCancelled(orderId, CancellationReason.CUSTOMER_REQUEST, "changed mind")));
            }
            if (o % 24 == 0) {
                sampleOrders.add(orderId);
            }
            if (batch.size() >= 500) {
                eventStore.publish(batch);
                batch.clear();
            }
        }
        eventStore.publish(batch);
        awaitCaughtUp();
    }

    @Test
    void aReplayRebuildsTheSameAnswers() {
        Map<String, JsonNode> before = answers();

        for (String projection : PROJECTIONS) {
            // Hold the replay at its start: a bulk replay first empties the read model, which waits
            // for this share lock (queries and writes don't). A bulk replay of 5,000 events may
            // otherwise be over before the second request arrives.
            TransactionStatus hold = transactions.getTransaction(new DefaultTransactionDefinition());
            try {
                jdbc.execute("LOCK TABLE " + firstTable(projection) + " IN ACCESS SHARE MODE");
                Api.Response replay = api().admin("POST", "/admin/projections/" + projection + "/replay")
                        .send();
                assertThat(replay.status()).isEqualTo(202);
                assertThat(replay.header("Location")).endsWith("/admin/projections/" + projection);
                assertThat(replay.json().get("replaying").asBoolean()).isTrue();
                // while held, the status shows the replay and where it is heading
                JsonNode held = status(projection);
                assertThat(held.get("replaying").asBoolean()).isTrue();
                assertThat(held.at("/replay/target").asLong())
                        .isEqualTo(held.get("head").asLong());
                assertThat(held.at("/replay/percent").asDouble()).isLessThan(100.0);
                Api.Response second = api().admin("POST", "/admin/projections/" + projection + "/replay")
                        .send();
                assertThat(second.status()).isEqualTo(409);
                assertThat(second.problemType()).isEqualTo("projection-busy");
            } finally {
                transactions.rollback(hold);
            }
        }
        awaitCaughtUp();

        assertThat(answers()).isEqualTo(before);
    }

    @Test
    void queriesDuringARebuildAllSucceedWithCompleteData() throws Exception {
        Map<String, JsonNode> before = answers();
        Map<String, String> slotsBefore = activeSlots();
        AtomicBoolean rebuilding = new AtomicBoolean(true);
        // orders keep coming during the rebuild: none may be lost or doubled at the switch
        String writerCustomer = "rebuild-writer-" + run;
        CompletableFuture<List<String>> writer = CompletableFuture.supplyAsync(() -> {
            List<String> placed = new ArrayList<>();
            while (rebuilding.get() && placed.size() < 500) {
                placed.add(api().placeOrder(OrderJson.valid().put("customerId", writerCustomer))
                        .json()
                        .get("orderId")
                        .asText());
            }
            return placed;
        });
        AtomicInteger queries = new AtomicInteger();
        CompletableFuture<List<String>> reader = CompletableFuture.supplyAsync(() -> {
            List<String> differences = new ArrayList<>();
            while (rebuilding.get()) {
                answers().forEach((query, answer) -> {
                    queries.incrementAndGet();
                    if (!answer.equals(before.get(query))) {
                        differences.add(query);
                    }
                });
            }
            return differences;
        });

        for (String projection : PROJECTIONS) {
            assertThat(api().admin("POST", "/admin/projections/" + projection + "/rebuild")
                            .send()
                            .status())
                    .isEqualTo(202);
        }
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> PROJECTIONS.stream()
                        .allMatch(p ->
                                "done".equals(status(p).at("/rebuild/state").asText())));
        rebuilding.set(false);

        assertThat(reader.get(60, TimeUnit.SECONDS))
                .as("queries that saw other data during the rebuild")
                .isEmpty();
        assertThat(queries.get()).as("queries issued during the rebuild").isPositive();
        assertThat(answers()).isEqualTo(before);
        List<String> written = writer.get(60, TimeUnit.SECONDS);
        assertThat(written).as("orders placed during the rebuild").isNotEmpty();
        awaitListed(writerCustomer, written);
        List<String> listed = new ArrayList<>();
        String path = "/api/v1/orders?customerId=" + writerCustomer + "&limit=100";
        while (path != null) {
            JsonNode page = api().get(path).send().json();
            listed.addAll(OrderQueryApiIT.ids(page));
            path = page.at("/links/next").isNull()
                    ? null
                    : page.at("/links/next").asText().replace("http://localhost:" + port, "");
        }
        assertThat(listed).containsExactlyInAnyOrderElementsOf(written);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> api().get("/api/v1/customers/" + writerCustomer + "/order-stats")
                                .send()
                                .json()
                                .get("orderCount")
                                .asLong()
                        == written.size());
        activeSlots().forEach((projection, slot) -> assertThat(slot).isNotEqualTo(slotsBefore.get(projection)));
    }

    /** Every query's answer for the seeded customers, keyed by the query. */
    private Map<String, JsonNode> answers() {
        Map<String, JsonNode> answers = new LinkedHashMap<>();
        for (String customer : customers) {
            String path = "/api/v1/orders?customerId=" + customer + "&limit=100";
            while (path != null) {
                Api.Response page = api().get(path).send();
                assertThat(page.status()).isEqualTo(200);
                answers.put(path, page.json().get("items"));
                JsonNode next = page.json().at("/links/next");
                path = next.isNull() ? null : next.asText().replace("http://localhost:" + port, "");
            }
            String stats = "/api/v1/customers/" + customer + "/order-stats";
            answers.put(stats, api().get(stats).send().json());
        }
        for (String orderId : sampleOrders) {
            String detail = "/api/v1/orders/" + orderId;
            Api.Response response = api().get(detail).send();
            assertThat(response.status()).isEqualTo(200);
            answers.put(detail, response.json());
        }
        return answers;
    }

    private void awaitCaughtUp() {
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> PROJECTIONS.stream()
                        .map(this::status)
                        .allMatch(status -> status.get("lag").asLong() == 0
                                && !status.get("replaying").asBoolean()));
    }

    private JsonNode status(String projection) {
        return api().admin("GET", "/admin/projections/" + projection).send().json();
    }

    /** The first table of the projection's active slot. */
    private String firstTable(String projection) {
        String table = switch (projection) {
            case "order-summary" -> "order_summary";
            case "order-detail" -> "order_detail";
            default -> "customer_stats";
        };
        return table + "_" + status(projection).get("activeSlot").asText();
    }

    private Map<String, String> activeSlots() {
        Map<String, String> slots = new LinkedHashMap<>();
        PROJECTIONS.forEach(p -> slots.put(p, status(p).get("activeSlot").asText()));
        return slots;
    }

    private static DomainEventMessage<?> event(String orderId, long sequence, Object payload) {
        return new GenericDomainEventMessage<>("Order", orderId, sequence, payload);
    }

    private static ShippingAddress address(int n) {
        return new ShippingAddress("Customer " + n, n + " Replay Street", null, "Berlin", null, "10117", "DE");
    }
}
