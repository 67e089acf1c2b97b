package org.orderplatform.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.jdbc.JdbcConnectionDetails;
import org.springframework.boot.autoconfigure.kafka.KafkaConnectionDetails;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * API keys: created and revoked by an admin, stored hashed; 401 without a (valid) key, 403
 * without the scope; a customer's key sees and places that customer's orders only. Nodes remember
 * keys briefly: a revoked key is refused at once by the node that revoked it, by the others once
 * their entry expires.
 */
class ApiKeyIT extends PlatformIT {

    @Autowired
    JdbcConnectionDetails database;

    @Autowired
    KafkaConnectionDetails kafka;

    @Test
    void anAdminCreatesAKeyThatWorksUntilItIsRevoked() throws Exception {
        JsonNode created = createKey("reader", List.of("orders:read"), null);
        String key = created.get("key").asText();
        String id = created.at("/apiKey/id").asText();
        assertThat(key).startsWith("opk_").hasSize(68);
        assertThat(jdbc.queryForObject("SELECT key_hash FROM api_key WHERE id = ?::uuid", String.class, id))
                .as("only a hash of the key is stored")
                .isEqualTo(sha256(key));
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM api_key WHERE name = ? OR key_prefix = ? OR key_hash = ?",
                        Integer.class,
                        key,
                        key,
                        key))
                .isZero();
        Api reader = new Api(port, key);
        assertThat(reader.get("/api/v1/orders?customerId=customer-42").send().status())
                .isEqualTo(200);

        assertThat(api().method("DELETE", "/admin/api-keys/" + id).send().status())
                .isEqualTo(204);

        Api.Response revoked =
                reader.get("/api/v1/orders?customerId=customer-42").send();
        assertThat(revoked.status())
                .as("refused at once by the node that revoked it, though it had just been accepted")
                .isEqualTo(401);
        assertThat(revoked.problemType()).isEqualTo("api-key-invalid");
        JsonNode listed = api().get("/admin/api-keys").send().json();
        assertThat(listed.findValuesAsText("id")).contains(id);
        assertThat(listed.toString()).doesNotContain(key);
    }

    @Test
    void aKeyRevokedOnOneNodeIsRefusedByAnotherWithinItsCacheTime() {
        JsonNode created = createKey("reader on two nodes", List.of("orders:read"), null);
        String key = created.get("key").asText();
        String list = "/api/v1/orders?customerId=customer-42";
        ConfigurableApplicationContext otherNode =
                OtherNode.start(database, kafka, "--orders.fulfilment.enabled=false", "--orders.auth.key-cache-ttl=2s");
        try {
            Api here = new Api(port, key);
            Api there = new Api(
                    ((WebServerApplicationContext) otherNode).getWebServer().getPort(), key);
            assertThat(here.get(list).send().status()).isEqualTo(200);
            assertThat(there.get(list).send().status()).isEqualTo(200);

            assertThat(api().method(
                                    "DELETE",
                                    "/admin/api-keys/"
                                            + created.at("/apiKey/id").asText())
                            .send()
                            .status())
                    .isEqualTo(204);

            assertThat(here.get(list).send().status()).isEqualTo(401);
            // the other node trusts what it remembered until its entry expires (2 s here)
            Awaitility.await()
                    .atMost(Duration.ofSeconds(15))
                    .untilAsserted(
                            () -> assertThat(there.get(list).send().status()).isEqualTo(401));
        } finally {
            otherNode.close();
        }
    }

    @Test
    void missingKeysAre401AndMissingScopesAre403() {
        Api anonymous = Api.anonymous(port);
        Api.Response none =
                anonymous.get("/api/v1/orders?customerId=customer-42").send();
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.problemType()).isEqualTo("api-key-required");
        assertThat(none.header("WWW-Authenticate")).contains("X-API-Key");

        Api reader = new Api(
                port,
                createKey("reader-2", List.of("orders:read"), null).get("key").asText());
        Api.Response write = reader.post("/api/v1/orders")
                .idempotencyKey()
                .json(OrderJson.valid())
                .send();
        assertThat(write.status()).isEqualTo(403);
        assertThat(write.problemType()).isEqualTo("scope-missing");
        assertThat(write.json().get("detail").asText()).contains("orders:write");
        assertThat(reader.get("/admin/projections").send().status()).isEqualTo(403);
        assertThat(reader.get("/api/v1/webhook-subscriptions").send().status()).isEqualTo(403);
        // a bearer token works as well as the header
        Api.Response bearer = anonymous
                .get("/api/v1/orders?customerId=customer-42")
                .header("Authorization", "Bearer " + PlatformIT.ADMIN_KEY)
                .send();
        assertThat(bearer.status()).isEqualTo(200);
        // health and the API docs need no key
        assertThat(anonymous.get("/actuator/health/liveness").send().status()).isEqualTo(200);
        assertThat(anonymous.get("/v3/api-docs").send().status()).isEqualTo(200);
    }

    @Test
    void aCustomersKeyReachesThatCustomersOrdersOnly() {
        String customer = "customer-key-" + System.nanoTime();
        Api own = new Api(
                port,
                createKey(customer, List.of("orders:read", "orders:write"), customer)
                        .get("key")
                        .asText());
        ObjectNode order = OrderJson.valid();
        order.put("customerId", customer);

        Api.Response placed =
                own.post("/api/v1/orders").idempotencyKey().json(order).send();
        assertThat(placed.status()).isEqualTo(201);
        String mine = placed.json().get("orderId").asText();
        String theirs = api().placeOrder();

        assertThat(own.read("/api/v1/orders/" + mine, placed).send().status()).isEqualTo(200);
        assertThat(own.get("/api/v1/orders/" + theirs).send().status()).isEqualTo(404);
        Api.Response listed = own.read("/api/v1/orders", placed).send();
        assertThat(listed.json().findValuesAsText("orderId")).containsExactly(mine);
        assertThat(own.get("/api/v1/orders?customerId=customer-42").send().problemType())
                .isEqualTo("customer-mismatch");
        assertThat(own.get("/api/v1/customers/customer-42/order-stats").send().status())
                .isEqualTo(403);
        assertThat(own.post("/api/v1/orders")
                        .idempotencyKey()
                        .json(OrderJson.valid())
                        .send()
                        .status())
                .isEqualTo(403);
        Api.Response cancel = own.post("/api/v1/orders/" + mine + "/cancellation")
                .idempotencyKey()
                .ifMatch("\"0\"")
                .send();
        assertThat(cancel.status())
                .as("changes to an order need an operator's key")
                .isEqualTo(403);
    }

    @Test
    void refusesBadKeyRequests() {
        Api.Response response = api().post("/admin/api-keys")
                .json(Map.of("name", "", "scopes", List.of("orders:read", "everything"), "customerId", "c"))
                .send();

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().get("errors").findValuesAsText("field")).contains("name", "scopes[1]");
        Api.Response adminForCustomer = api().post("/admin/api-keys")
                .json(Map.of("name", "x", "scopes", List.of("admin"), "customerId", "c"))
                .send();
        assertThat(adminForCustomer.json().get("errors").findValuesAsText("field"))
                .contains("customerId");
        assertThat(api().method("DELETE", "/admin/api-keys/00000000-0000-0000-0000-000000000000")
                        .send()
                        .status())
                .isEqualTo(404);
    }

    /** A generated client accepts only problem+json where the success has no body. */
    @Test
    void revokingAcceptsAnyAcceptHeaderForItsEmptyAnswer() {
        String id = createKey("revoked-by-a-client", List.of("orders:read"), null)
                .at("/apiKey/id")
                .asText();

        Api.Response response = api().method("DELETE", "/admin/api-keys/" + id)
                .header("Accept", "application/problem+json")
                .send();

        assertThat(response.status()).isEqualTo(204);
    }

    @Test
    void pathsThatCouldReadDifferentlyAreRefusedOrJudgedAsRouted() {
        Api anonymous = Api.anonymous(port);
        Map<String, Object> adminKey = Map.of("name", "sneaky", "scopes", List.of("admin"));

        Api.Response semicolon =
                anonymous.post("/admin;x/api-keys").json(adminKey).send();
        assertThat(semicolon.status()).isEqualTo(400);
        assertThat(semicolon.problemType()).isEqualTo("malformed-request");
        // percent-encoded letters are judged on the decoded path, as they are routed
        assertThat(anonymous.post("/%61dmin/api-keys").json(adminKey).send().status())
                .isEqualTo(401);
        assertThat(anonymous
                        .get("/%61pi/v1/orders?customerId=customer-42")
                        .send()
                        .status())
                .isEqualTo(401);
        Api reader = new Api(
                port,
                createKey("reader-3", List.of("orders:read"), null).get("key").asText());
        assertThat(reader.get("/api/v1/%77ebhook-subscriptions").send().status())
                .isEqualTo(403);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM api_key WHERE name = 'sneaky'", Integer.class))
                .isZero();
    }

    @Test
    void aCustomersKeyCannotManageWebhooks() {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "customer webhooks");
        body.put("scopes", List.of("webhooks:manage"));
        body.put("customerId", "customer-42");

        Api.Response refused = api().post("/admin/api-keys").json(body).send();

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("errors").findValuesAsText("field")).contains("customerId");
    }

    private static String sha256(String value) throws Exception {
        return java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(value.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private JsonNode createKey(String name, List<String> scopes, String customerId) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("scopes", scopes);
        body.put("customerId", customerId);
        Api.Response response = api().post("/admin/api-keys").json(body).send();
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }
}
