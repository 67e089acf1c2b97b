package org.orderplatform.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.orderplatform.api.order.ConfirmOrderCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;

/**
 * The OpenAPI document against what the API really does: every operation of {@code /v3/api-docs}
 * is driven over HTTP, on its happy path and its important refusals, and every answer is checked
 * against the document ({@link Contract}: status documented, headers, content type, body valid
 * against its schema; requests the document describes are checked too). Every operation with a
 * security requirement refuses a request without a key, and only those. The last case fails for an
 * operation whose success no case drives, so a new endpoint needs its contract case.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContractIT extends PlatformIT {

    private static final Logger log = LoggerFactory.getLogger(ContractIT.class);
    private static final String ORDERS = "/api/v1/orders";
    private static final String SUBSCRIPTIONS = "/api/v1/webhook-subscriptions";
    private static Contract contract;
    private static Api reader;
    private static Api customer;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Autowired
    CommandGateway commands;

    @Autowired
    PlatformTransactionManager transactions;

    @BeforeEach
    void refereeWithTheLiveDocument() {
        if (contract == null) {
            Api.Response document = api().get("/v3/api-docs").send();
            assertThat(document.status()).isEqualTo(200);
            contract = new Contract(document.body(), path -> !path.startsWith("/api/test/"));
            reader = new Api(port, createKey(Map.of("name", "contract reader", "scopes", List.of("orders:read"))));
            customer = new Api(
                    port,
                    createKey(Map.of(
                            "name", "contract customer",
                            "scopes", List.of("orders:read", "orders:write"),
                            "customerId", "contract-customer")));
        }
    }

    @AfterEach
    void theDocumentDescribedEveryExchange() {
        assertThat(contract.takeMismatches()).isEmpty();
    }

    @Test
    @Order(1)
    void orderCommands() {
        ObjectNode order = OrderJson.valid().put("customerId", "contract-" + run);
        String key = UUID.randomUUID().toString();
        String id = expect(201, api().post(ORDERS).idempotencyKey(key).json(order))
                .json()
                .get("orderId")
                .asText();
        expect(201, api().post(ORDERS).idempotencyKey(key).json(order)); // a retry: the first answer again
        Api.Request reused = api().post(ORDERS).idempotencyKey(key);
        problem(422, "idempotency-key-reused", reused.json(OrderJson.valid()));
        refused(400, "idempotency-key-missing", api().post(ORDERS).json(order));
        refused(400, "malformed-request", api().post(ORDERS).idempotencyKey().json("{"));
        ObjectNode euro = order.deepCopy().put("currency", "EURO");
        refused(422, "validation-failed", api().post(ORDERS).idempotencyKey().json(euro));
        Api.Request text = api().post(ORDERS).idempotencyKey().header("Content-Type", "text/plain");
        refused(415, "unsupported-media-type", text.json(order));
        Api.Request html = api().post(ORDERS).idempotencyKey().header("Accept", "text/html");
        refused(406, "not-acceptable", html.json(order));
        refused(
                401,
                "api-key-required",
                Api.anonymous(port).post(ORDERS).idempotencyKey().json(order));
        Api unknownKey = new Api(port, "opk_unknown");
        refused(401, "api-key-invalid", unknownKey.post(ORDERS).idempotencyKey().json(order));
        problem(403, "scope-missing", reader.post(ORDERS).idempotencyKey().json(order));
        problem(403, "customer-mismatch", customer.post(ORDERS).idempotencyKey().json(order));

        String address = ORDERS + "/" + id + "/shipping-address";
        expect(200, api().put(address).ifMatch("\"0\"").json(OrderJson.paris()));
        problem(412, "precondition-failed", api().put(address).ifMatch("\"0\"").json(OrderJson.paris()));
        refused(428, "precondition-required", api().put(address).json(OrderJson.paris()));
        refused(
                422,
                "validation-failed",
                api().put(address).ifMatch("\"1\"").json(OrderJson.paris().put("country", "XX")));
        problem(403, "customer-mismatch", customer.put(address).ifMatch("\"1\"").json(OrderJson.paris()));
        String unknown = ORDERS + "/" + UUID.randomUUID();
        Api.Request unknownAddress = api().put(unknown + "/shipping-address").ifMatch("\"0\"");
        problem(404, "order-not-found", unknownAddress.json(OrderJson.paris()));

        String placed = ORDERS + "/" + id;
        problem(
                409,
                "order-state-conflict",
                api().post(placed + "/shipment").idempotencyKey().ifMatch("\"1\""));
        problem(
                409,
                "order-state-conflict",
                api().post(placed + "/delivery").idempotencyKey().ifMatch("\"1\""));
        Api.Request cancel =
                api().post(placed + "/cancellation").idempotencyKey().ifMatch("\"1\"");
        expect(200, cancel.json(Map.of("comment", "changed my mind")));
        Api.Request cancelAgain =
                api().post(placed + "/cancellation").idempotencyKey().ifMatch("\"2\"");
        problem(409, "order-state-conflict", cancelAgain);
        problem(
                404,
                "order-not-found",
                api().post(unknown + "/cancellation").idempotencyKey().ifMatch("\"0\""));

        // the fulfilment saga is off in these tests: confirm as it would, then ship and deliver
        String confirmed = api().placeOrder();
        commands.sendAndWait(new ConfirmOrderCommand(confirmed));
        String shipped = ORDERS + "/" + confirmed;
        expect(200, api().post(shipped + "/shipment").idempotencyKey().ifMatch("\"1\""));
        expect(200, api().post(shipped + "/delivery").idempotencyKey().ifMatch("\"2\""));
    }

    @Test
    @Order(2)
    void orderQueries() {
        String owner = "contract-" + run;
        Api.Response first = api().placeOrder(OrderJson.valid().put("customerId", owner));
        Api.Response second = api().placeOrder(OrderJson.valid().put("customerId", owner));
        String id = second.json().get("orderId").asText();
        for (String version : List.of("v1", "v2")) {
            String orders = "/api/" + version + "/orders";
            Api.Response read = expect(200, api().read(orders + "/" + id, second));
            expect(304, api().get(orders + "/" + id).header("If-None-Match", read.header("ETag")));
            problem(404, "order-not-found", api().get(orders + "/" + UUID.randomUUID()));
            expect(200, api().read(orders + "?customerId=" + owner + "&limit=1", first));
            refused(400, "invalid-query", api().get(orders + "?limit=0"));
        }
        JsonNode page = expect(200, api().get(ORDERS + "?customerId=" + owner + "&limit=1&sort=createdAt"))
                .json();
        expect(200, api().get(page.at("/links/next").asText().replace("http://localhost:" + port, "")));
        expect(200, customer.get(ORDERS)); // a customer's key lists its own orders
        problem(403, "customer-mismatch", customer.get(ORDERS + "?customerId=" + owner));
        problem(404, "order-not-found", customer.get(ORDERS + "/" + id));
        refused(406, "not-acceptable", api().get(ORDERS + "/" + id).header("Accept", "application/xml"));
        refused(401, "api-key-required", Api.anonymous(port).get(ORDERS + "/" + id));

        // an operator's read of the stored events
        expect(200, api().get("/admin/orders/" + id + "/events"));
        problem(404, "order-not-found", api().get("/admin/orders/" + UUID.randomUUID() + "/events"));
        problem(403, "scope-missing", reader.get("/admin/orders/" + id + "/events"));

        String stats = "/api/v1/customers/" + owner + "/order-stats";
        expect(200, api().read(stats, second));
        problem(403, "customer-mismatch", customer.get(stats));
    }

    @Test
    @Order(3)
    void stockAdministration() {
        String sku = "CONTRACT-" + run;
        Map<String, Object> product = Map.of("sku", sku, "name", "Contract keyboard", "initialStock", 5);
        expect(201, api().post("/admin/products").idempotencyKey().json(product));
        problem(
                409,
                "product-already-registered",
                api().post("/admin/products").idempotencyKey().json(product));
        refused(
                422,
                "validation-failed",
                api().post("/admin/products").idempotencyKey().json(Map.of("sku", "", "name", "")));
        expect(
                200,
                api().post("/admin/products/" + sku + "/stock").idempotencyKey().json(Map.of("quantity", 3)));
        problem(
                404,
                "product-not-found",
                api().post("/admin/products/NONE-" + run + "/stock")
                        .idempotencyKey()
                        .json(Map.of("quantity", 3)));
        expect(200, api().get("/admin/products/" + sku));
        problem(404, "product-not-found", api().get("/admin/products/NONE-" + run));
        problem(403, "scope-missing", reader.get("/admin/products/" + sku));
    }

    @Test
    @Order(4)
    void projectionAdministration() {
        String projection = "/admin/projections/customer-stats";
        expect(200, api().get("/admin/projections"));
        expect(200, api().get("/admin/cluster"));
        JsonNode status = expect(200, api().get(projection)).json();
        problem(404, "projection-not-found", api().get("/admin/projections/none"));
        expect(200, api().get(projection + "/dead-letters?limit=5"));
        refused(400, "invalid-query", api().get(projection + "/dead-letters?limit=0"));
        expect(200, api().post(projection + "/dead-letters/retry"));
        problem(404, "projection-not-found", api().post("/admin/projections/none/dead-letters/retry"));

        // hold the replay at its start (it empties the read model first, which waits for this
        // lock), so that a second one finds it running
        TransactionStatus hold = transactions.getTransaction(new DefaultTransactionDefinition());
        try {
            jdbc.execute("LOCK TABLE customer_stats_" + status.get("activeSlot").asText() + " IN ACCESS SHARE MODE");
            expect(202, api().post(projection + "/replay"));
            problem(409, "projection-busy", api().post(projection + "/replay"));
            problem(409, "projection-busy", api().post(projection + "/rebuild"));
        } finally {
            transactions.rollback(hold);
        }
        await().atMost(Duration.ofSeconds(60))
                .until(() -> !read(projection).get("replaying").asBoolean());
        expect(202, api().post(projection + "/rebuild"));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> "done".equals(read(projection).at("/rebuild/state").asText()));
        expect(200, api().get(projection)); // with the finished rebuild
        problem(404, "projection-not-found", api().post("/admin/projections/none/replay"));
        problem(404, "projection-not-found", api().post("/admin/projections/none/rebuild"));
    }

    @Test
    @Order(5)
    void webhookSubscriptions() {
        Map<String, Object> subscription = Map.of(
                "url", "http://127.0.0.1:9/contract", "eventTypes", List.of("order.placed"), "description", "contract");
        String id = expect(201, api().post(SUBSCRIPTIONS).idempotencyKey().json(subscription))
                .json()
                .get("id")
                .asText();
        String one = SUBSCRIPTIONS + "/" + id;
        String unknown = SUBSCRIPTIONS + "/" + UUID.randomUUID();
        problem(
                400,
                "webhook-subscription-invalid",
                api().post(SUBSCRIPTIONS).idempotencyKey().json(Map.of("url", "ftp://example.com")));
        problem(403, "scope-missing", customer.get(SUBSCRIPTIONS));
        expect(200, api().get(SUBSCRIPTIONS + "?limit=1"));
        expect(200, api().get(one));
        problem(404, "webhook-subscription-not-found", api().get(unknown));
        refused(400, "malformed-request", api().get(SUBSCRIPTIONS + "/not-a-uuid"));
        expect(200, api().method("PATCH", one).idempotencyKey().json(Map.of("description", "changed")));
        problem(
                404,
                "webhook-subscription-not-found",
                api().method("PATCH", unknown).idempotencyKey().json(Map.of("description", "x")));
        expect(200, api().post(one + "/pause").idempotencyKey());
        expect(200, api().post(one + "/resume").idempotencyKey());
        expect(200, api().post(one + "/secret/rotate").idempotencyKey());
        expect(202, api().post(one + "/test").idempotencyKey());
        problem(
                404,
                "webhook-subscription-not-found",
                api().post(unknown + "/test").idempotencyKey());
        // the test delivery's first attempt (refused: nothing listens there), for a log with attempts
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !read(one + "/deliveries").at("/items/0/attempts").isEmpty());
        expect(200, api().get(one + "/deliveries"));
        problem(404, "webhook-subscription-not-found", api().get(unknown + "/deliveries"));
        // the breaker that judged that attempt
        JsonNode endpoint = expect(200, api().get(one + "/endpoint")).json();
        assertThat(endpoint.get("bufferedAttempts").asInt()).isPositive();
        assertThat(endpoint.get("dispatcherHere").asBoolean()).isTrue();
        problem(404, "webhook-subscription-not-found", api().get(unknown + "/endpoint"));

        expect(200, api().get("/admin/webhooks/dead-letters"));
        expect(200, api().get("/admin/webhooks/dead-letters?subscriptionId=" + id + "&limit=5"));
        expect(200, api().post("/admin/webhooks/dead-letters/redrive").json(Map.of("subscriptionId", id)));
        problem(
                400,
                "webhook-redrive-invalid",
                api().post("/admin/webhooks/dead-letters/redrive").json(Map.of()));

        expect(204, api().method("DELETE", one));
        problem(404, "webhook-subscription-not-found", api().method("DELETE", one));
    }

    @Test
    @Order(6)
    void apiKeysAndProblemTypes() {
        Map<String, Object> key = Map.of("name", "contract " + run, "scopes", List.of("orders:read"));
        String id = expect(201, api().post("/admin/api-keys").json(key))
                .json()
                .at("/apiKey/id")
                .asText();
        refused(
                422,
                "validation-failed",
                api().post("/admin/api-keys").json(Map.of("name", "", "scopes", List.of("everything"))));
        problem(403, "scope-missing", reader.get("/admin/api-keys"));
        expect(200, reader.get("/api/v1/api-keys/current"));
        refused(401, "api-key-required", Api.anonymous(port).get("/api/v1/api-keys/current"));
        expect(200, api().get("/admin/api-keys"));
        expect(204, api().method("DELETE", "/admin/api-keys/" + id));
        problem(404, "api-key-not-found", api().method("DELETE", "/admin/api-keys/" + UUID.randomUUID()));

        Api anonymous = Api.anonymous(port);
        expect(200, anonymous.get("/problems"));
        expect(200, anonymous.get("/problems/order-not-found"));
        problem(404, "not-found", anonymous.get("/problems/none"));
    }

    @Test
    @Order(7)
    void exactlyTheOperationsWithASecurityRequirementNeedAKey() {
        Api anonymous = Api.anonymous(port);
        for (String operation : contract.operations()) {
            String method = operation.substring(0, operation.indexOf(' '));
            String path = operation
                    .substring(method.length() + 1)
                    .replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
            Api.Response response = contract.sendOffDocument(anonymous.method(method, path));
            if (contract.needsKey(operation)) {
                assertThat(response.status()).as(operation).isEqualTo(401);
                assertThat(response.problemType()).as(operation).isEqualTo("api-key-required");
            } else {
                assertThat(response.status()).as(operation).isNotEqualTo(401);
            }
        }
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void everyOperationOfTheDocumentHasItsSuccessExercised() {
        Map<String, Set<Integer>> answered = contract.answered();
        log.info("Contract cases, the statuses each operation answered: {}", answered);
        Set<String> missing = new TreeSet<>(contract.operations());
        missing.removeIf(
                operation -> answered.getOrDefault(operation, Set.of()).stream().anyMatch(status -> status < 400));

        assertThat(contract.operations()).contains("POST /api/v1/orders", "GET /api/v2/orders/{orderId}");
        assertThat(missing)
                .as("operations of the document whose success no contract case drives")
                .isEmpty();
    }

    /** A request the document describes, answered with this status. */
    private Api.Response expect(int status, Api.Request request) {
        Api.Response response = contract.send(request);
        assertThat(response.status())
                .as("%s %s: %s", request.method(), request.path(), response)
                .isEqualTo(status);
        return response;
    }

    /** A request the document describes, refused with this status and problem type. */
    private void problem(int status, String type, Api.Request request) {
        assertThat(expect(status, request).problemType()).isEqualTo(type);
    }

    /** A request the document rules out, refused with this status and problem type. */
    private void refused(int status, String type, Api.Request request) {
        Api.Response response = contract.sendOffDocument(request);
        assertThat(response.status())
                .as("%s %s: %s", request.method(), request.path(), response)
                .isEqualTo(status);
        assertThat(response.problemType()).isEqualTo(type);
    }

    /** A GET outside the contract, to wait for a state. */
    private JsonNode read(String path) {
        return api().get(path).send().json();
    }

    private String createKey(Map<String, Object> key) {
        return expect(201, api().post("/admin/api-keys").json(key))
                .json()
                .get("key")
                .asText();
    }
}
