package org.orderplatform.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad input never reaches the aggregate: a typed 4xx problem naming what is wrong, and no event. */
class BadInputIT extends PlatformIT {

    static Stream<Arguments> invalidOrders() {
        return Stream.of(
                invalid("unknown currency", o -> o.put("currency", "EUX"), "currency"),
                invalid("lower-case currency", o -> o.put("currency", "eur"), "currency"),
                invalid("missing currency", o -> o.remove("currency"), "currency"),
                invalid("negative quantity", o -> line(o).put("quantity", -1), "lines[0].quantity"),
                invalid("zero quantity", o -> line(o).put("quantity", 0), "lines[0].quantity"),
                invalid("quantity over 999", o -> line(o).put("quantity", 1000), "lines[0].quantity"),
                invalid("negative price", o -> line(o).put("unitPriceMinor", -5), "lines[0].unitPriceMinor"),
                invalid(
                        "price over the cap",
                        o -> line(o).put("unitPriceMinor", 1_000_000_001L),
                        "lines[0].unitPriceMinor"),
                invalid("no lines", o -> o.putArray("lines"), "lines"),
                invalid(
                        "101 lines",
                        o -> {
                            ArrayNode lines = o.putArray("lines");
                            for (int i = 0; i < 101; i++) {
                                lines.add(OrderJson.line("SKU-" + i, 1, 100));
                            }
                        },
                        "lines"),
                invalid("a SKU twice", o -> ((ArrayNode) o.get("lines")).add(OrderJson.line("SKU-1", 1, 1)), "lines"),
                invalid("a null line", o -> ((ArrayNode) o.get("lines")).addNull(), "lines[2]"),
                invalid("blank SKU", o -> line(o).put("sku", " "), "lines[0].sku"),
                invalid("customer id with spaces", o -> o.put("customerId", "not an id"), "customerId"),
                invalid("customer id too long", o -> o.put("customerId", "c".repeat(65)), "customerId"),
                invalid("no shipping address", o -> o.remove("shippingAddress"), "shippingAddress"),
                invalid("unknown country", o -> address(o).put("country", "XX"), "shippingAddress.country"),
                invalid("blank city", o -> address(o).put("city", ""), "shippingAddress.city"),
                invalid("no payment token", o -> o.remove("paymentToken"), "paymentToken"),
                invalid("payment token with spaces", o -> o.put("paymentToken", "tok visa"), "paymentToken"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidOrders")
    void anInvalidOrderIs422NamingTheField(String name, ObjectNode body, String field) {
        int before = eventCount();

        Api.Response response =
                api().post("/api/v1/orders").idempotencyKey().json(body).send();

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.problemType()).isEqualTo("validation-failed");
        List<String> fields = new ArrayList<>();
        response.json()
                .get("errors")
                .forEach(error -> fields.add(error.get("field").asText()));
        assertThat(fields).contains(field);
        assertThat(eventCount()).isEqualTo(before);
    }

    static Stream<Arguments> malformedBodies() {
        String valid = OrderJson.valid().toString();
        return Stream.of(
                Arguments.of("truncated JSON", valid.substring(0, valid.length() / 2), "not valid JSON"),
                Arguments.of("not JSON at all", "customerId=42", "not valid JSON"),
                Arguments.of(
                        "quantity as a string",
                        valid.replace("\"quantity\":2", "\"quantity\":\"2\""),
                        "lines[0].quantity"),
                Arguments.of(
                        "quantity as a fraction",
                        valid.replace("\"quantity\":2", "\"quantity\":2.5"),
                        "lines[0].quantity"),
                Arguments.of(
                        "quantity beyond int",
                        valid.replace("\"quantity\":2", "\"quantity\":99999999999"),
                        "lines[0].quantity"),
                Arguments.of(
                        "price as a string",
                        valid.replace("\"unitPriceMinor\":1999", "\"unitPriceMinor\":\"19.99\""),
                        "lines[0].unitPriceMinor"),
                Arguments.of(
                        "lines as an object",
                        valid.replaceFirst("\"lines\":\\[", "\"lines\":{\"x\":[")
                                .replace("],\"shippingAddress\"", "]},\"shippingAddress\""),
                        "lines"),
                Arguments.of("empty body", "", "missing"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedBodies")
    void aMalformedBodyIs400SayingWhere(String name, String body, String detail) {
        int before = eventCount();

        Api.Response response =
                api().post("/api/v1/orders").idempotencyKey().json(body).send();

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.problemType()).isEqualTo("malformed-request");
        assertThat(response.json().get("detail").asText()).contains(detail);
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void aBodyOverTheLimitIs413BeforeItIsRead() {
        String huge = "{\"customerId\":\"" + "x".repeat(300 * 1024) + "\"}";

        Api.Response response =
                api().post("/api/v1/orders").idempotencyKey().json(huge).send();

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.problemType()).isEqualTo("payload-too-large");
    }

    @Test
    void aChunkedBodyOverTheLimitIs413Too() {
        byte[] huge = ("{\"customerId\":\"" + "x".repeat(300 * 1024) + "\"}").getBytes();

        Api.Response response = api().post("/api/v1/orders")
                .idempotencyKey()
                .header("Content-Type", "application/json")
                .body(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge)))
                .send();

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.problemType()).isEqualTo("payload-too-large");
    }

    @Test
    void aBodyThatIsNotJsonByContentTypeIs415() {
        Api.Response response = api().post("/api/v1/orders")
                .idempotencyKey()
                .header("Content-Type", "text/plain")
                .json(OrderJson.valid())
                .send();

        assertThat(response.status()).isEqualTo(415);
        assertThat(response.problemType()).isEqualTo("unsupported-media-type");
    }

    @Test
    void anUnknownPathIsATyped404() {
        Api.Response response = api().get("/api/v1/nothing-here").send();

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.problemType()).isEqualTo("not-found");
    }

    @Test
    void anUnsupportedMethodIsATyped405() {
        Api.Response response = api().method("DELETE", "/api/v1/orders").send();

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.problemType()).isEqualTo("method-not-allowed");
    }

    @Test
    void anAcceptHeaderWithoutJsonIs406() {
        Api.Response response = api().post("/api/v1/orders")
                .idempotencyKey()
                .header("Accept", "application/xml")
                .json(OrderJson.valid())
                .send();

        assertThat(response.status()).isEqualTo(406);
        assertThat(response.problemType()).isEqualTo("not-acceptable");
    }

    @Test
    void aUrlTheServerCannotParseIsAProblemNotAnHtmlPage() throws Exception {
        // java.net.http refuses to send such a URL, so this one goes over a plain socket
        assertMalformedProblem(
                overASocket("GET /api/v1/orders/%ZZ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
    }

    /**
     * A C1 control character (byte 0x85, as Tomcat reads headers in ISO-8859-1) in a header that
     * the security chain, a filter or a handler reads: refused as malformed wherever it is read.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "X-API-Key read by authentication, GET, /api/v1/orders?customerId=c, X-API-Key",
        "Idempotency-Key read by its filter, POST, /api/v1/orders, Idempotency-Key",
        "If-Match read by the handler, PUT, /api/v1/orders/o-1/shipping-address, If-Match"
    })
    void aControlCharacterInAHeaderIsMalformedWhereverItIsRead(String name, String method, String path, String header)
            throws Exception {
        String body = OrderJson.valid().toString();
        // U+0085 is written as the single byte 0x85 (ISO-8859-1, as Tomcat reads headers)
        assertMalformedProblem(overASocket(method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + (header.equals("X-API-Key") ? "" : "X-API-Key: " + PlatformIT.ADMIN_KEY + "\r\n")
                + (header.equals("Idempotency-Key") ? "" : "Idempotency-Key: k-" + UUID.randomUUID() + "\r\n")
                + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n"
                + header + ": a\u0085b\r\n\r\n" + body));
    }

    /** A request java.net.http would refuse to send, over a plain socket; the whole answer. */
    private String overASocket(String request) throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void assertMalformedProblem(String response) {
        assertThat(response)
                .startsWith("HTTP/1.1 400")
                .contains("Content-Type: application/problem+json")
                .contains("\"type\":\"/problems/malformed-request\"");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "application/*, 415, unsupported-media-type",
        "*/*, 415, unsupported-media-type",
        "json, 400, malformed-request"
    })
    void aContentTypeThatIsNotOneMediaTypeIsRefusedBeforeTheBodyIsRead(String contentType, int status, String type) {
        Api.Response response = api().post("/api/v1/orders")
                .idempotencyKey()
                .header("Content-Type", contentType)
                .json(OrderJson.valid())
                .send();

        assertThat(response.status()).isEqualTo(status);
        assertThat(response.problemType()).isEqualTo(type);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PUT", "PATCH", "DELETE"})
    void aMalformedFormBodyIsAnUnsupportedMediaTypeNotAFailure(String method) {
        Api.Response response = api().method(method, "/api/v1/orders/o-1/shipping-address")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .ifMatch("\"0\"")
                .body(HttpRequest.BodyPublishers.ofString("a=%"))
                .send();

        assertThat(response.status()).isIn(400, 405, 415); // PATCH needs its Idempotency-Key first
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void everyProblemTypeIsDocumentedAtItsUri() {
        Api.Response response = api().get("/problems/validation-failed").send();

        assertThat(response.status()).isEqualTo(200);
        JsonNode type = response.json();
        assertThat(type.get("type").asText()).isEqualTo("/problems/validation-failed");
        assertThat(type.get("status").asInt()).isEqualTo(422);
        assertThat(api().get("/problems/no-such-type").send().status()).isEqualTo(404);
    }

    private static Arguments invalid(String name, Consumer<ObjectNode> change, String field) {
        ObjectNode order = OrderJson.valid();
        change.accept(order);
        return Arguments.of(name, order, field);
    }

    private static ObjectNode line(ObjectNode order) {
        return (ObjectNode) order.get("lines").get(0);
    }

    private static ObjectNode address(ObjectNode order) {
        return (ObjectNode) order.get("shippingAddress");
    }
}
