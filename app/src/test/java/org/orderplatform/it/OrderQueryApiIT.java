package org.orderplatform.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The query API over HTTP, reading the projections of real events. */
class OrderQueryApiIT extends PlatformIT {

    @Test
    void aPlacedOrderCanBeReadBackAtItsLocation() {
        Api.Response placed = api().placeOrder(OrderJson.valid());
        String location = placed.header("Location").replace("http://localhost:" + port, "");

        Api.Response read = api().read(location, placed).send();

        assertThat(read.status()).isEqualTo(200);
        assertThat(read.header("X-Read-Consistency")).isEqualTo("fresh");
        assertThat(read.header("ETag")).isEqualTo("\"0\"");
        JsonNode order = read.json();
        assertThat(order.get("orderId").asText())
                .isEqualTo(placed.json().get("orderId").asText());
        assertThat(order.get("status").asText()).isEqualTo("PLACED");
        assertThat(order.get("totalMinor").asLong()).isEqualTo(2 * 1999 + 500);
        assertThat(order.get("lines")).hasSize(2);
        assertThat(order.at("/lines/0/lineTotalMinor").asLong()).isEqualTo(3998);
        assertThat(order.at("/shippingAddress/city").asText()).isEqualTo("Berlin");
        assertThat(order.get("timeline"))
                .singleElement()
                .satisfies(entry -> assertThat(entry.get("type").asText()).isEqualTo("OrderPlaced"));
    }

    @Test
    void theDetailFollowsChangesAndCancellationWithItsTimeline() {
        String orderId = api().placeOrder();
        api().put("/api/v1/orders/" + orderId + "/shipping-address")
                .ifMatch("\"0\"")
                .json(OrderJson.paris())
                .send();
        Api.Response cancelled = api().post("/api/v1/orders/" + orderId + "/cancellation")
                .idempotencyKey()
                .ifMatch("\"1\"")
                .json("{\"comment\":\"too slow\"}")
                .send();

        JsonNode order =
                api().read("/api/v1/orders/" + orderId, cancelled).send().json();

        assertThat(order.get("status").asText()).isEqualTo("CANCELLED");
        assertThat(order.get("version").asLong()).isEqualTo(2);
        assertThat(order.at("/shippingAddress/city").asText()).isEqualTo("Paris");
        assertThat(order.at("/cancellation/reason").asText()).isEqualTo("CUSTOMER_REQUEST");
        assertThat(order.at("/cancellation/comment").asText()).isEqualTo("too slow");
        List<String> timeline = new ArrayList<>();
        order.get("timeline")
                .forEach(entry -> timeline.add(
                        entry.get("version").asLong() + ":" + entry.get("type").asText()));
        assertThat(timeline).containsExactly("0:OrderPlaced", "1:ShippingAddressChanged", "2:OrderCancelled");
    }

    @Test
    void ifNoneMatchWithTheCurrentVersionIs304() {
        Api.Response placed = api().placeOrder(OrderJson.valid());
        String path = "/api/v1/orders/" + placed.json().get("orderId").asText();
        api().read(path, placed).send();

        Api.Response unchanged =
                api().get(path).header("If-None-Match", "\"0\"").send();
        Api.Response weak = api().get(path).header("If-None-Match", "W/\"0\"").send();
        Api.Response changed = api().get(path).header("If-None-Match", "\"7\"").send();

        assertThat(unchanged.status()).isEqualTo(304);
        assertThat(unchanged.header("ETag")).isEqualTo("\"0\"");
        assertThat(unchanged.body()).isEmpty();
        assertThat(weak.status()).isEqualTo(304);
        assertThat(changed.status()).isEqualTo(200);
    }

    @Test
    void anUnknownOrderIs404() {
        Api.Response response = api().get("/api/v1/orders/" + UUID.randomUUID()).send();

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.problemType()).isEqualTo("order-not-found");
    }

    @Test
    void theListFiltersByCustomerAndStatusNewestFirst() {
        String customer = "list-" + UUID.randomUUID().toString().substring(0, 8);
        String first = api().placeOrder(OrderJson.valid().put("customerId", customer))
                .json()
                .get("orderId")
                .asText();
        String second = api().placeOrder(OrderJson.valid().put("customerId", customer))
                .json()
                .get("orderId")
                .asText();
        Api.Response cancelled = api().post("/api/v1/orders/" + first + "/cancellation")
                .idempotencyKey()
                .ifMatch("\"0\"")
                .send();

        awaitListed(customer, List.of(first, second));
        JsonNode all = api().read("/api/v1/orders?customerId=" + customer, cancelled)
                .send()
                .json();
        JsonNode placedOnly = api().get("/api/v1/orders?customerId=" + customer + "&status=PLACED")
                .send()
                .json();
        JsonNode oldestFirst = api().get("/api/v1/orders?customerId=" + customer + "&sort=createdAt")
                .send()
                .json();

        assertThat(ids(all)).containsExactly(second, first);
        assertThat(ids(placedOnly)).containsExactly(second);
        assertThat(ids(oldestFirst)).containsExactly(first, second);
        assertThat(all.at("/items/1/status").asText()).isEqualTo("CANCELLED");
        assertThat(all.at("/links/next").isNull()).isTrue();
    }

    @Test
    void theCreatedRangeIsFromInclusiveToExclusive() {
        String customer = "range-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Response first = api().placeOrder(OrderJson.valid().put("customerId", customer));
        Api.Response second = api().placeOrder(OrderJson.valid().put("customerId", customer));
        awaitListed(customer, List.of(id(first), id(second)));
        JsonNode both = api().read("/api/v1/orders?customerId=" + customer + "&sort=createdAt", second)
                .send()
                .json();
        String secondCreated = both.at("/items/1/createdAt").asText();

        JsonNode from = api().get("/api/v1/orders?customerId=" + customer + "&createdFrom=" + secondCreated)
                .send()
                .json();
        JsonNode to = api().get("/api/v1/orders?customerId=" + customer + "&createdTo=" + secondCreated)
                .send()
                .json();

        assertThat(ids(from)).containsExactly(second.json().get("orderId").asText());
        assertThat(ids(to)).containsExactly(first.json().get("orderId").asText());
    }

    @Test
    void pagesLinkToEachOtherInTheBodyAndTheLinkHeader() {
        String customer = "pages-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> placed = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            placed.add(id(api().placeOrder(OrderJson.valid().put("customerId", customer))));
        }
        awaitListed(customer, placed);
        Api.Response page1 =
                api().get("/api/v1/orders?customerId=" + customer + "&limit=2").send();
        JsonNode one = page1.json();
        assertThat(one.get("items")).hasSize(2);
        assertThat(one.at("/links/prev").isNull()).isTrue();
        String next = one.at("/links/next").asText();
        assertThat(page1.header("Link")).isEqualTo("<" + next + ">; rel=\"next\"");

        Api.Response page2 = api().get(relative(next)).send();
        JsonNode two = page2.json();
        assertThat(two.get("items")).hasSize(2);
        assertThat(page2.header("Link")).contains("rel=\"next\"", "rel=\"prev\"");
        JsonNode three =
                api().get(relative(two.at("/links/next").asText())).send().json();
        assertThat(three.get("items")).hasSize(1);
        assertThat(three.at("/links/next").isNull()).isTrue();

        JsonNode backToTwo =
                api().get(relative(three.at("/links/prev").asText())).send().json();
        JsonNode backToOne =
                api().get(relative(backToTwo.at("/links/prev").asText())).send().json();
        assertThat(ids(backToTwo)).isEqualTo(ids(two));
        assertThat(ids(backToOne)).isEqualTo(ids(one));
        assertThat(backToOne.at("/links/prev").isNull()).isTrue();
    }

    @Test
    void statisticsCountOrdersAndTotalsPerCurrency() {
        String customer = "stats-" + UUID.randomUUID().toString().substring(0, 8);
        String eur = api().placeOrder(OrderJson.valid().put("customerId", customer))
                .json()
                .get("orderId")
                .asText();
        api().placeOrder(OrderJson.valid().put("customerId", customer));
        api().placeOrder(OrderJson.valid().put("customerId", customer).put("currency", "USD"));
        Api.Response cancelled = api().post("/api/v1/orders/" + eur + "/cancellation")
                .idempotencyKey()
                .ifMatch("\"0\"")
                .send();

        JsonNode stats = api().read("/api/v1/customers/" + customer + "/order-stats", cancelled)
                .send()
                .json();

        assertThat(stats.get("orderCount").asLong()).isEqualTo(3);
        assertThat(stats.get("cancelledCount").asLong()).isEqualTo(1);
        assertThat(stats.at("/totals/0/currency").asText()).isEqualTo("EUR");
        assertThat(stats.at("/totals/0/orderCount").asLong()).isEqualTo(2);
        assertThat(stats.at("/totals/0/totalMinor").asLong()).isEqualTo(2 * 4498);
        assertThat(stats.at("/totals/0/cancelledTotalMinor").asLong()).isEqualTo(4498);
        assertThat(stats.at("/totals/1/currency").asText()).isEqualTo("USD");
        assertThat(stats.at("/totals/1/totalMinor").asLong()).isEqualTo(4498);
    }

    @Test
    void aCustomerWithoutOrdersHasZeroStatistics() {
        JsonNode stats = api().get("/api/v1/customers/nobody-" + UUID.randomUUID() + "/order-stats")
                .send()
                .json();

        assertThat(stats.get("orderCount").asLong()).isZero();
        assertThat(stats.get("totals")).isEmpty();
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
        "limit, 0",
        "limit, 101",
        "limit, ten",
        "status, SHIPPED_TWICE",
        "createdFrom, yesterday",
        "createdTo, 2026-13-01T00:00:00Z",
        "sort, price",
        "customerId, has space",
        "cursor, not-a-cursor"
    })
    void aBadQueryParameterIs400NamingIt(String parameter, String value) {
        Api.Response response = api().get("/api/v1/orders?" + parameter + "=" + value.replace(" ", "%20"))
                .send();

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.problemType()).isEqualTo("invalid-query");
        assertThat(response.json().at("/errors/0/field").asText()).isEqualTo(parameter);
    }

    @Test
    void aCursorOnlyWorksWithTheQueryItCameFrom() {
        String customer = "cursor-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> placed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            placed.add(id(api().placeOrder(OrderJson.valid().put("customerId", customer))));
        }
        awaitListed(customer, placed);
        String cursor = firstPageCursor(customer);

        Api.Response otherQuery =
                api().get("/api/v1/orders?status=PLACED&cursor=" + cursor).send();

        assertThat(otherQuery.status()).isEqualTo(400);
        assertThat(otherQuery.json().at("/errors/0/field").asText()).isEqualTo("cursor");
    }

    @Test
    void createdFromMustBeBeforeCreatedTo() {
        Api.Response response = api().get(
                        "/api/v1/orders?createdFrom=2026-02-01T00:00:00Z&createdTo=2026-01-01T00:00:00Z")
                .send();

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().at("/errors/0/field").asText()).isEqualTo("createdTo");
    }

    @Test
    void anEmptyPageStillLinksBack() {
        String customer = "empty-" + UUID.randomUUID().toString().substring(0, 8);
        String older = id(api().placeOrder(OrderJson.valid().put("customerId", customer)));
        String newer = id(api().placeOrder(OrderJson.valid().put("customerId", customer)));
        awaitListed(customer, List.of(older, newer));
        String placedOnly = "/api/v1/orders?customerId=" + customer + "&status=PLACED&limit=1";
        JsonNode first = api().get(placedOnly).send().json();
        assertThat(ids(first)).containsExactly(newer);
        // the only order beyond the first page leaves the filter before the client pages on
        api().post("/api/v1/orders/" + older + "/cancellation")
                .idempotencyKey()
                .ifMatch("\"0\"")
                .send();
        Awaitility.await()
                .until(() -> ids(api().get("/api/v1/orders?customerId=" + customer + "&status=CANCELLED")
                                .send()
                                .json())
                        .contains(older));

        JsonNode empty =
                api().get(relative(first.at("/links/next").asText())).send().json();

        assertThat(empty.get("items")).isEmpty();
        assertThat(empty.at("/links/next").isNull()).isTrue();
        // back lands on the page that ends with the cursor's own order
        JsonNode back =
                api().get(relative(empty.at("/links/prev").asText())).send().json();
        assertThat(ids(back)).isEqualTo(ids(first));
    }

    @Test
    void aCursorChangedByTheClientIsRefused() {
        String customer = "forged-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> placed = List.of(
                id(api().placeOrder(OrderJson.valid().put("customerId", customer))),
                id(api().placeOrder(OrderJson.valid().put("customerId", customer))));
        awaitListed(customer, placed);
        String cursor = firstPageCursor(customer);
        String position = cursor.substring(0, cursor.indexOf('.'));
        String signature = cursor.substring(cursor.indexOf('.') + 1);
        String decoded = new String(Base64.getUrlDecoder().decode(position), StandardCharsets.UTF_8);

        for (String forged : List.of(
                // the position changed, the signature kept: a date PostgreSQL cannot store, a NUL in the id
                seal(decoded.replaceAll("\"t\":\"[^\"]+\"", "\"t\":\"+300000-01-01T00:00:00Z\""), signature),
                seal(decoded.replaceAll("\"i\":\"[^\"]+\"", "\"i\":\"a\\\\u0000b\""), signature),
                seal(decoded.replace("}", ",\"x\":\"yes\"}"), signature),
                // the old unsigned form, and no signature at all
                position,
                position + ".",
                position + "." + signature + "." + signature,
                "%00",
                // one character of the signature changed (its first: every bit of it counts)
                position + "." + (signature.startsWith("A") ? "B" : "A") + signature.substring(1))) {
            Api.Response response = api().get("/api/v1/orders?customerId=" + customer + "&limit=1&cursor=" + forged)
                    .send();

            assertThat(response.status()).as(forged).isEqualTo(400);
            assertThat(response.problemType()).isEqualTo("invalid-query");
            assertThat(response.json().at("/errors/0/field").asText()).isEqualTo("cursor");
        }
        assertThat(api().get("/api/v1/orders?customerId=" + customer + "&limit=1&cursor=" + cursor)
                        .send()
                        .status())
                .as("the cursor as the server made it")
                .isEqualTo(200);
    }

    /** The cursor of the next link of the customer's first page of one order. */
    private String firstPageCursor(String customer) {
        String next = api().get("/api/v1/orders?customerId=" + customer + "&limit=1")
                .send()
                .json()
                .at("/links/next")
                .asText();
        return next.substring(next.indexOf("cursor=") + "cursor=".length());
    }

    private static String seal(String position, String signature) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8)) + "."
                + signature;
    }

    private static String id(Api.Response placed) {
        return placed.json().get("orderId").asText();
    }

    private String relative(String absolute) {
        return absolute.replace("http://localhost:" + port, "");
    }

    static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("orderId").asText()));
        return ids;
    }
}
