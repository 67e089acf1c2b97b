package org.orderplatform.query.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.orderplatform.query.projection.ReadModelDatabase;

/**
 * Every shape of the list query, as {@link OrderListQuery} writes it, on 20,000 orders: the plan
 * reads one of the table's indexes and never scans the table. (For very selective filters
 * PostgreSQL may fetch the few matching rows through a bitmap of the index and sort them; that is
 * the better plan there.)
 */
class OrderListIndexIT {

    private static final String TABLE = "order_summary_a";
    private static final int ROWS = 20_000;
    private static final Instant JAN = Instant.parse("2026-01-01T00:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ReadModelDatabase db;

    @BeforeAll
    static void loadTwentyThousandOrders() throws Exception {
        db = ReadModelDatabase.create();
        // 500 customers, one order in ten cancelled, one order a minute through January and on
        db.jdbc()
                .execute("INSERT INTO " + TABLE + " SELECT 'order-' || g, 'customer-' || (g % 500),"
                        + " CASE WHEN g % 10 = 0 THEN 'CANCELLED' ELSE 'PLACED' END, g * 100, 'EUR', 1 + g % 5,"
                        + " timestamptz '2026-01-01 00:00:00+00' + g * interval '1 minute',"
                        + " timestamptz '2026-01-01 00:00:00+00' + g * interval '1 minute', 0"
                        + " FROM generate_series(1, " + ROWS + ") g");
        db.jdbc().execute("ANALYZE " + TABLE);
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        db.close();
    }

    static Stream<Arguments> queryShapes() {
        Instant from = JAN.plusSeconds(3 * 86_400);
        Instant to = JAN.plusSeconds(6 * 86_400);
        List<Arguments> shapes = new ArrayList<>();
        for (boolean newestFirst : List.of(true, false)) {
            String order = newestFirst ? "newest first" : "oldest first";
            shapes.add(Arguments.of("all, " + order, new OrderFilter(null, null, null, null, newestFirst)));
            shapes.add(
                    Arguments.of("customer, " + order, new OrderFilter("customer-42", null, null, null, newestFirst)));
            shapes.add(Arguments.of("status, " + order, new OrderFilter(null, "CANCELLED", null, null, newestFirst)));
            shapes.add(Arguments.of(
                    "customer and status, " + order,
                    new OrderFilter("customer-42", "PLACED", null, null, newestFirst)));
            shapes.add(Arguments.of("created range, " + order, new OrderFilter(null, null, from, to, newestFirst)));
            shapes.add(Arguments.of(
                    "customer and created range, " + order,
                    new OrderFilter("customer-42", null, from, to, newestFirst)));
            shapes.add(Arguments.of(
                    "status and created range, " + order, new OrderFilter(null, "PLACED", from, to, newestFirst)));
        }
        return shapes.stream();
    }

    @ParameterizedTest(name = "{0}, first page")
    @MethodSource("queryShapes")
    void theFirstPageReadsAnIndexInOrder(String shape, OrderFilter filter) throws Exception {
        assertReadsAnIndex(plan(OrderListQuery.of(TABLE, filter, null, 21)));
    }

    @ParameterizedTest(name = "{0}, next page")
    @MethodSource("queryShapes")
    void aNextPageStartsFromItsKeyInTheIndex(String shape, OrderFilter filter) throws Exception {
        var cursor = new PageCursor(JAN.plusSeconds(4 * 86_400), "order-5000", PageCursor.Direction.NEXT, "q");
        assertReadsAnIndex(plan(OrderListQuery.of(TABLE, filter, cursor, 21)));
    }

    @ParameterizedTest(name = "{0}, previous page")
    @MethodSource("queryShapes")
    void aPreviousPageStartsFromItsKeyInTheIndex(String shape, OrderFilter filter) throws Exception {
        var cursor = new PageCursor(JAN.plusSeconds(4 * 86_400), "order-5000", PageCursor.Direction.PREV, "q");
        assertReadsAnIndex(plan(OrderListQuery.of(TABLE, filter, cursor, 21)));
    }

    private static void assertReadsAnIndex(JsonNode plan) {
        List<String> nodes = new ArrayList<>();
        List<String> indexes = new ArrayList<>();
        walk(plan, nodes, indexes);
        assertThat(nodes).as("plan nodes").doesNotContain("Seq Scan");
        assertThat(indexes)
                .as("indexes used")
                .isNotEmpty()
                .allSatisfy(index -> assertThat(index).startsWith(TABLE));
    }

    private static void walk(JsonNode node, List<String> nodes, List<String> indexes) {
        nodes.add(node.path("Node Type").asText());
        if (node.has("Index Name")) {
            indexes.add(node.path("Index Name").asText());
        }
        node.path("Plans").forEach(child -> walk(child, nodes, indexes));
    }

    private static JsonNode plan(OrderListQuery query) throws Exception {
        String plan = db.jdbc()
                .queryForObject(
                        "EXPLAIN (FORMAT JSON) " + query.sql(),
                        String.class,
                        query.args().toArray());
        return JSON.readTree(plan).get(0).get("Plan");
    }
}
