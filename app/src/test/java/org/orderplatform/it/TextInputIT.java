package org.orderplatform.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Text with control characters or unpaired surrogates is refused at the edge, in every kind of
 * body, with a 422 naming the field, and nothing is stored. PostgreSQL cannot store U+0000 in
 * {@code text} or {@code jsonb}: before, such a value was accepted and then broke the read model
 * (or the INSERT, with a 500). Bad characters are sent as JSON escapes ({@code \u0000}), the only
 * way JSON can carry most of them.
 */
class TextInputIT extends PlatformIT {

    /** Stands for the bad text in a body; replaced by the raw JSON escape after serialising. */
    private static final String MARK = "@@bad-text@@";

    private static final String NUL = "A\\u0000B";

    static Stream<String> orderFields() {
        return Stream.of(
                "customerId",
                "currency",
                "paymentToken",
                "lines[0].sku",
                "lines[1].sku",
                "shippingAddress.recipient",
                "shippingAddress.line1",
                "shippingAddress.line2",
                "shippingAddress.city",
                "shippingAddress.region",
                "shippingAddress.postalCode",
                "shippingAddress.country");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("orderFields")
    void aNulInAnyFieldOfAnOrderIs422NamingIt(String field) {
        int before = eventCount();

        Api.Response response = api().post("/api/v1/orders")
                .idempotencyKey()
                .json(withBadText(OrderJson.valid(), field, NUL))
                .send();

        assertRefused(response, field);
        assertThat(eventCount()).isEqualTo(before);
    }

    /** As JSON escapes, except the raw DEL: JSON allows U+007F unescaped. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "\\u0000",
                "\\u0001",
                "\\b",
                "\\t",
                "\\n",
                "\\r",
                "\\u001b",
                "\\u001f",
                "\\u007f",
                "\u007f",
                "\\ud800",
                "\\udbff",
                "\\udc00",
                "\\udfff",
                "\\udc00\\ud800"
            })
    void everyControlCharacterDelAndUnpairedSurrogateIsRefused(String escape) {
        int before = eventCount();

        Api.Response response = api().post("/api/v1/orders")
                .idempotencyKey()
                .json(withBadText(OrderJson.valid(), "shippingAddress.recipient", "Ada" + escape + "Lovelace"))
                .send();

        assertRefused(response, "shippingAddress.recipient");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void ordinaryUnicodeIsAccepted() {
        ObjectNode order = OrderJson.valid();
        ((ObjectNode) order.get("shippingAddress")).put("recipient", "Zoë Ångström 東京 \uD83D\uDCE6");

        Api.Response placed = api().placeOrder(order);

        JsonNode read = api().read(
                        "/api/v1/orders/" + placed.json().get("orderId").asText(), placed)
                .send()
                .json();
        assertThat(read.at("/shippingAddress/recipient").asText()).isEqualTo("Zoë Ångström 東京 \uD83D\uDCE6");
    }

    @Test
    void everyOffendingFieldIsNamedAtOnce() {
        String body = withBadText(OrderJson.valid(), "shippingAddress.recipient", NUL)
                .replace("\"Berlin\"", "\"Ber\\u0007lin\"");

        Api.Response response =
                api().post("/api/v1/orders").idempotencyKey().json(body).send();

        assertRefused(response, "shippingAddress.recipient");
        assertThat(fields(response)).contains("shippingAddress.city");
    }

    static Stream<String> addressFields() {
        return Stream.of("recipient", "line1", "line2", "city", "region", "postalCode", "country");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("addressFields")
    void aNulInAnAddressChangeIs422(String field) {
        String orderId = api().placeOrder();

        Api.Response response = api().put("/api/v1/orders/" + orderId + "/shipping-address")
                .ifMatch("\"0\"")
                .json(withBadText(OrderJson.paris(), field, NUL))
                .send();

        assertRefused(response, field);
        assertThat(eventCount(orderId)).isEqualTo(1);
    }

    @Test
    void aNulInACancellationCommentIs422() {
        String orderId = api().placeOrder();

        Api.Response response = api().post("/api/v1/orders/" + orderId + "/cancellation")
                .idempotencyKey()
                .ifMatch("\"0\"")
                .json("{\"comment\":\"" + NUL + "\"}")
                .send();

        assertRefused(response, "comment");
        assertThat(eventCount(orderId)).isEqualTo(1);
    }

    @Test
    void aNulInAnApiKeyNameIs422AndNoKeyIsMade() {
        String name = "text-" + UUID.randomUUID();

        Api.Response response = api().post("/admin/api-keys")
                .json("{\"name\":\"" + name + "\\u0000\",\"scopes\":[\"orders:read\"]}")
                .send();

        assertRefused(response, "name");
        assertThat(api().get("/admin/api-keys").send().body()).doesNotContain(name);
    }

    @Test
    void aControlCharacterInAnApiKeyScopeIs422NamingIt() {
        Api.Response response = api().post("/admin/api-keys")
                .json("{\"name\":\"scoped\",\"scopes\":[\"orders:read\",\"admin\\u0000\"]}")
                .send();

        assertRefused(response, "scopes[1]");
    }

    static Stream<Arguments> subscriptionFields() {
        return Stream.of(
                Arguments.of("url", "{\"url\":\"http://127.0.0.1:9/hooks" + NUL + "\"}"),
                Arguments.of("description", "{\"url\":\"http://127.0.0.1:9/hooks\",\"description\":\"" + NUL + "\"}"),
                Arguments.of(
                        "eventTypes[0]",
                        "{\"url\":\"http://127.0.0.1:9/hooks\",\"eventTypes\":[\"order.placed\\u0000\"]}"),
                Arguments.of("description", "{\"url\":\"http://127.0.0.1:9/hooks\",\"description\":\"a\\ud800\"}"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("subscriptionFields")
    void badTextInAWebhookSubscriptionIs422AndNothingIsStored(String field, String body) {
        int before = subscriptions();

        Api.Response response = api().post("/api/v1/webhook-subscriptions")
                .idempotencyKey()
                .json(body)
                .send();

        assertRefused(response, field);
        assertThat(subscriptions()).isEqualTo(before);
    }

    @Test
    void badTextInAWebhookSubscriptionChangeIs422AndChangesNothing() {
        JsonNode created = api().post("/api/v1/webhook-subscriptions")
                .idempotencyKey()
                .json(Map.of("url", "http://127.0.0.1:9/hooks", "description", "before"))
                .send()
                .json();
        String id = created.get("id").asText();
        try {
            Api.Response response = api().method("PATCH", "/api/v1/webhook-subscriptions/" + id)
                    .idempotencyKey()
                    .json("{\"description\":\"" + NUL + "\"}")
                    .send();

            assertRefused(response, "description");
            assertThat(api().get("/api/v1/webhook-subscriptions/" + id)
                            .send()
                            .json()
                            .get("description")
                            .asText())
                    .isEqualTo("before");
        } finally {
            api().method("DELETE", "/api/v1/webhook-subscriptions/" + id).send();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sku", "name"})
    void badTextInAProductIs422AndNoProductIsRegistered(String field) {
        String sku = "TEXT-" + UUID.randomUUID().toString().substring(0, 8);
        ObjectNode product =
                Api.JSON.createObjectNode().put("sku", sku).put("name", "Cable").put("initialStock", 1);
        int before = eventCount();

        Api.Response response = api().post("/admin/products")
                .idempotencyKey()
                .json(withBadText(product, field, NUL))
                .send();

        assertRefused(response, field);
        assertThat(eventCount()).isEqualTo(before);
        assertThat(api().get("/admin/products/" + sku).send().status()).isEqualTo(404);
    }

    @Test
    void aControlCharacterInAFieldNameIsRefusedToo() {
        String body = OrderJson.valid().toString().replace("\"customerId\"", "\"customer\\u0000Id\"");

        Api.Response response =
                api().post("/api/v1/orders").idempotencyKey().json(body).send();

        assertRefused(response, "customer\\u0000Id");
    }

    /** Not JSON, so not the body check's business: each has its own rule, and none is a 500. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "/api/v1/orders/a%00b",
                "/api/v1/orders/a%01b",
                "/api/v2/orders/a%00b",
                "/api/v1/customers/a%00b/order-stats",
                "/api/v1/orders?customerId=a%00b",
                "/api/v1/orders?status=a%00b",
                "/api/v1/orders?cursor=a%00b"
            })
    void aControlCharacterInAPathOrQueryIsAClientError(String path) {
        Api.Response response = api().get(path).send();

        assertThat(response.status()).as(response.body()).isBetween(400, 499);
        // Tomcat itself refuses a NUL in the path, and answers with a charset parameter
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    }

    private static void assertRefused(Api.Response response, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(422);
        assertThat(response.problemType()).isEqualTo("validation-failed");
        assertThat(fields(response)).contains(field);
        assertThat(response.json().get("errors").findValuesAsText("message"))
                .anySatisfy(message -> assertThat(message).containsAnyOf("control characters", "unpaired surrogate"));
    }

    private static List<String> fields(Api.Response response) {
        return response.json().get("errors").findValuesAsText("field");
    }

    /** The body as JSON text, with the field at {@code path} ({@code lines[0].sku}) set to raw JSON string content. */
    private static String withBadText(ObjectNode body, String path, String rawJsonContent) {
        ObjectNode copy = body.deepCopy();
        JsonPointer pointer =
                JsonPointer.compile("/" + path.replaceAll("\\[(\\d+)]", ".$1").replace('.', '/'));
        ((ObjectNode) copy.at(pointer.head())).put(pointer.last().getMatchingProperty(), MARK);
        return copy.toString().replace(MARK, rawJsonContent);
    }

    private int subscriptions() {
        return jdbc.queryForObject("SELECT count(*) FROM webhook_subscription", Integer.class);
    }
}
