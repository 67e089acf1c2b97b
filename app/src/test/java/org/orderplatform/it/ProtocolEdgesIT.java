package org.orderplatform.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Inputs a fuzzer finds at the edges of HTTP rather than in a body: dates beyond what the database
 * stores, bodies no endpoint takes, the container's error page, Accept quality values, TRACE, and
 * the health endpoint's details. Each is a typed problem, never a 500, and leaks nothing.
 */
class ProtocolEdgesIT extends PlatformIT {

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "/api/v1/orders?createdFrom=%2B300000-01-01T00:00:00Z",
                "/api/v1/orders?createdTo=%2B1000000000-12-31T23:59:59.999999999Z",
                "/api/v1/orders?createdFrom=-1000000000-01-01T00:00:00Z",
                "/api/v2/orders?createdFrom=%2B300000-01-01T00:00:00Z",
                "/api/v2/orders?createdTo=%2B1000000000-12-31T23:59:59.999999999Z"
            })
    void aDateTheDatabaseCannotStoreIsAnInvalidQueryNamingTheParameter(String path) {
        Api.Response response = api().get(path).send();

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.problemType()).isEqualTo("invalid-query");
        String parameter = path.contains("createdFrom") ? "createdFrom" : "createdTo";
        assertThat(response.json().get("errors").get(0).get("field").asText()).isEqualTo(parameter);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "multipart/form-data",
                "multipart/form-data; boundary=x",
                "multipart/mixed",
                "application/x-www-form-urlencoded"
            })
    void aBodyNoEndpointTakesIs415(String contentType) {
        Api.Response response = api().post("/api/v1/orders")
                .idempotencyKey()
                .header("Content-Type", contentType)
                .json("--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--x--\r\n")
                .send();

        assertThat(response.status()).isEqualTo(415);
        assertThat(response.problemType()).isEqualTo("unsupported-media-type");
    }

    @ParameterizedTest(name = "{0} /error")
    @ValueSource(strings = {"GET", "POST", "PUT", "DELETE", "PATCH"})
    void theContainersErrorPageCalledDirectlyIsNotFound(String method) {
        Api.Response response = api().method(method, "/error").send();

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.problemType()).isEqualTo("not-found");
    }

    @Test
    void theErrorPageIsNotPartOfTheApiDocument() {
        JsonNode paths = api().get("/v3/api-docs").send().json().get("paths");

        assertThat(paths.has("/error")).isFalse();
        assertThat(api().method("HEAD", "/error").send().status()).isEqualTo(404);
        assertThat(api().method("OPTIONS", "/error").send().status()).isEqualTo(200);
    }

    @ParameterizedTest(name = "Accept: {0}")
    @ValueSource(strings = {"application/json;q=0", "application/json;q=0, */*;q=0", "*/*;q=0.0"})
    void anAcceptHeaderThatAcceptsNothingIs406(String accept) {
        Api.Response response = api().get("/api/v1/orders?customerId=nobody")
                .header("Accept", accept)
                .send();

        assertThat(response.status()).isEqualTo(406);
        assertThat(response.problemType()).isEqualTo("not-acceptable");
    }

    @Test
    void aQualityAboveZeroIsStillAccepted() {
        Api.Response response = api().get("/api/v1/orders?customerId=nobody")
                .header("Accept", "application/xml;q=0, application/json;q=0.5")
                .send();

        assertThat(response.status()).isEqualTo(200);
    }

    /** JSON is UTF-8 whatever charset is asked for (RFC 8259); asking for another was a 500. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/api/v1/orders?customerId=nobody", "/api/v1/webhook-subscriptions", "/problems"})
    void aCharsetInAcceptIsIgnoredJsonIsUtf8(String path) {
        Api.Response response = api().get(path)
                .header("Accept", "application/json; charset=latin1")
                .send();

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("application/json");
    }

    @Test
    void traceIsAProblemAndEchoesNothing() {
        Api.Response response = api().method("TRACE", "/api/v1/orders")
                .header("X-Secret-Header", "echo-me")
                .send();

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.problemType()).isEqualTo("method-not-allowed");
        assertThat(response.body()).doesNotContain("echo-me").doesNotContain(ADMIN_KEY);
        for (String path : List.of("/actuator/health", "/error", "/no/such/path", "/")) {
            Api.Response other = Api.anonymous(port).method("TRACE", path).send();
            assertThat(other.status()).as(path).isEqualTo(405);
            assertThat(other.body()).as(path).doesNotContain("TRACE " + path);
        }
    }

    @Test
    void healthShowsItsDetailsToAnAdminKeyOnly() {
        JsonNode anonymous = Api.anonymous(port).get("/actuator/health").send().json();
        JsonNode reader =
                new Api(port, readerKey()).get("/actuator/health").send().json();
        JsonNode wrongKey =
                new Api(port, "opk_wrong").get("/actuator/health").send().json();
        JsonNode admin = api().get("/actuator/health").send().json();

        assertThat(anonymous.get("status").asText()).isEqualTo("UP");
        for (JsonNode hidden : List.of(anonymous, reader, wrongKey)) {
            assertThat(hidden.has("components")).isFalse();
            assertThat(hidden.has("details")).isFalse();
        }
        assertThat(admin.get("components").has("db")).isTrue();
        assertThat(Api.anonymous(port).get("/actuator/health/readiness").send().status())
                .as("probes need no key")
                .isEqualTo(200);
    }

    private String readerKey() {
        return api().post("/admin/api-keys")
                .idempotencyKey()
                .json(Map.of("name", "health reader", "scopes", List.of("orders:read")))
                .send()
                .json()
                .get("key")
                .asText();
    }
}
