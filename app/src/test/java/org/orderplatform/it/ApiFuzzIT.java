package org.orderplatform.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A property-based fuzzer driven by the OpenAPI document, as an attacker's tool would be: every
 * documented operation gets requests whose path and query parameters, headers, content types and
 * bodies are drawn from classes of hostile input (control characters, NUL, lone surrogates,
 * out-of-range dates and numbers, type confusion, missing and unknown fields, malformed and deeply
 * nested JSON, wrong media types). Two properties must hold: no request is answered with a 5xx,
 * and every refusal is a problem+json. Then every order the fuzzer managed to place must read back
 * (nothing was stored that a later step cannot read). The seed is fixed, so a failure reproduces;
 * {@code -Dfuzz.seed=N -Dfuzz.cases=M} explores other and more inputs.
 */
class ApiFuzzIT extends PlatformIT {

    private static final int CASES_PER_OPERATION = Integer.getInteger("fuzz.cases", 20);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Text that broke, or could break, a parser, a database column or a later reader. */
    private static final List<String> HOSTILE_TEXT = List.of(
            "",
            " ",
            "a",
            "\u0000",
            "A\u0000B",
            "\u0007\u001b[31m",
            "\u007f",
            "\u0085",
            "\ud800",
            "\udfff x",
            "\ufeff",
            "\u202eevil",
            "😀",
            "Zürich",
            "%",
            "%00",
            "%zz",
            "../../etc/passwd",
            "' OR '1'='1' --",
            "\"",
            "\\",
            "<script>alert(1)</script>",
            "${jndi:ldap://x}",
            "{{7*7}}",
            "null",
            "true",
            "-1",
            "0",
            "1e309",
            "NaN",
            "9".repeat(400),
            "x".repeat(5000),
            "+300000-01-01T00:00:00Z",
            "+1000000000-12-31T23:59:59.999999999Z",
            "-999999999-01-01T00:00:00Z",
            "2024-02-30T00:00:00Z",
            "2024-01-01",
            "1970-01-01T00:00:00Z");

    private static final List<String> MEDIA_TYPES = List.of(
            "text/plain",
            "application/xml",
            "multipart/form-data",
            "multipart/form-data; boundary=x",
            "application/x-www-form-urlencoded",
            "application/json; charset=latin1",
            "application/json; charset=nope",
            "application/*",
            "garbage",
            ";;;");

    private static final List<String> RAW_BODIES =
            List.of("", "{", "}", "null", "[]", "\"text\"", "{\"a\":", "\u0000", "{\"a\":1,\"a\":2}", "[".repeat(5000));

    private final Random random = new Random(Long.getLong("fuzz.seed", 20261129L));
    private final List<String> failures = new ArrayList<>();
    private final List<String> placedOrders = new ArrayList<>();

    @Test
    void noInputReachesA5xxAndEveryRefusalIsAProblem() {
        OpenAPI document = document();
        document.getPaths()
                .forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                    if (path.startsWith("/api/test/") || path.startsWith("/sandbox/")) {
                        return; // this suite's test endpoints; the sandboxes stand in for third parties
                    }
                    for (int i = 0; i < CASES_PER_OPERATION; i++) {
                        fuzz(method, path, item, operation);
                    }
                }));

        assertThat(failures)
                .as("requests answered with a 5xx or a non-problem refusal")
                .isEmpty();
        // whatever was accepted can be read back, fresh, by a later step
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (String orderId : placedOrders) {
                Api.Response read = api().get("/api/v1/orders/" + orderId).send();
                assertThat(read.status()).as(orderId).isEqualTo(200);
                assertThat(read.header("X-Read-Consistency")).as(orderId).isNotEqualTo("stale");
                assertThat(read.json().get("orderId").asText()).isEqualTo(orderId);
            }
        });
    }

    private void fuzz(PathItem.HttpMethod method, String template, PathItem item, Operation operation) {
        List<Parameter> parameters = new ArrayList<>();
        if (item.getParameters() != null) {
            parameters.addAll(item.getParameters());
        }
        if (operation.getParameters() != null) {
            parameters.addAll(operation.getParameters());
        }
        String path = template;
        List<String> query = new ArrayList<>();
        Api.Request request = null;
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        for (Parameter parameter : parameters) {
            switch (parameter.getIn()) {
                case "path" -> path = path.replace("{" + parameter.getName() + "}", encode(pathValue()));
                case "query" -> {
                    if (random.nextBoolean()) {
                        query.add(parameter.getName() + "=" + encode(text(parameter.getSchema())));
                    }
                }
                case "header" -> headers.put(parameter.getName(), headerValue(parameter.getName()));
                default -> {}
            }
        }
        String target = query.isEmpty() ? path : path + "?" + String.join("&", query);
        request = api().method(method.name(), target);
        headers.forEach(request::header);
        String accept = random.nextInt(5) == 0 ? pick(MEDIA_TYPES) : "application/json";
        request.header("Accept", accept);
        String body = null;
        String contentType = null;
        if (operation.getRequestBody() != null || random.nextInt(10) == 0) {
            body = body(operation);
            contentType = random.nextInt(5) == 0 ? pick(MEDIA_TYPES) : "application/json";
            request.header("Content-Type", contentType);
            request.body(HttpRequest.BodyPublishers.ofString(body));
        }
        Api.Response response;
        try {
            response = request.send();
        } catch (RuntimeException refusedByTheClient) {
            return; // java.net.http would not send it (a header it considers invalid): nothing reached the server
        }
        String name = method + " " + target + " (Accept: " + accept + ")"
                + (body == null ? "" : " (Content-Type: " + contentType + ") body " + abbreviate(body));
        if (response.status() >= 500) {
            failures.add(response.status() + " for " + name + ": " + abbreviate(response.body()));
        } else if (response.status() >= 400
                && response.status() != 406
                && !String.valueOf(response.header("Content-Type")).startsWith("application/problem+json")) {
            failures.add(response.status() + " without problem+json for " + name);
        }
        if (response.status() == 201 && method == PathItem.HttpMethod.POST && template.equals("/api/v1/orders")) {
            placedOrders.add(response.json().get("orderId").asText());
        }
    }

    private String pathValue() {
        return switch (random.nextInt(3)) {
            case 0 -> UUID.randomUUID().toString();
            case 1 -> "sku-" + random.nextInt(1000);
            default -> pick(HOSTILE_TEXT);
        };
    }

    private String headerValue(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("idempotency-key") && random.nextInt(4) != 0) {
            return UUID.randomUUID().toString();
        }
        if (lower.equals("if-match") || lower.equals("if-none-match")) {
            return pick(List.of("\"0\"", "*", "W/\"1\"", "\"-1\"", "\"99999999999999999999\"", "garbage", "\"\""));
        }
        return pick(HOSTILE_TEXT);
    }

    private String text(Schema<?> schema) {
        if (schema != null && schema.getEnum() != null && !schema.getEnum().isEmpty() && random.nextBoolean()) {
            return String.valueOf(
                    schema.getEnum().get(random.nextInt(schema.getEnum().size())));
        }
        return pick(HOSTILE_TEXT);
    }

    private String body(Operation operation) {
        if (random.nextInt(8) == 0) {
            return pick(RAW_BODIES);
        }
        Schema<?> schema = operation.getRequestBody() == null
                        || operation.getRequestBody().getContent() == null
                        || operation.getRequestBody().getContent().isEmpty()
                ? null
                : operation
                        .getRequestBody()
                        .getContent()
                        .values()
                        .iterator()
                        .next()
                        .getSchema();
        return value(schema, 0).toString();
    }

    /** A JSON value shaped by the schema most of the time, and hostile to it the rest. */
    private JsonNode value(Schema<?> schema, int depth) {
        if (schema == null || depth > 6 || random.nextInt(6) == 0) {
            return hostileValue();
        }
        String type = typeOf(schema);
        switch (String.valueOf(type)) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                if (schema.getProperties() != null) {
                    schema.getProperties().forEach((field, property) -> {
                        if (random.nextInt(10) != 0) {
                            object.set(field, value(property, depth + 1));
                        }
                    });
                }
                if (random.nextInt(10) == 0) {
                    object.set(pick(HOSTILE_TEXT), hostileValue());
                }
                return object;
            }
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(value(schema.getItems(), depth + 1));
                }
                return array;
            }
            case "integer", "number" -> {
                return pick(List.<JsonNode>of(
                        NODES.numberNode(0),
                        NODES.numberNode(1),
                        NODES.numberNode(-1),
                        NODES.numberNode(Integer.MAX_VALUE),
                        NODES.numberNode(Long.MIN_VALUE),
                        NODES.numberNode(new BigInteger("1" + "0".repeat(40))),
                        NODES.numberNode(1.5),
                        NODES.numberNode(1e308)));
            }
            case "boolean" -> {
                return NODES.booleanNode(random.nextBoolean());
            }
            default -> {
                return NODES.textNode(text(schema));
            }
        }
    }

    private JsonNode hostileValue() {
        return switch (random.nextInt(7)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.numberNode(new BigInteger("9".repeat(60)));
            case 2 -> NODES.booleanNode(true);
            case 3 -> NODES.arrayNode().add(NODES.textNode(pick(HOSTILE_TEXT)));
            case 4 -> NODES.objectNode().put(pick(HOSTILE_TEXT), pick(HOSTILE_TEXT));
            default -> NODES.textNode(pick(HOSTILE_TEXT));
        };
    }

    private static String typeOf(Schema<?> schema) {
        if (schema.getType() != null) {
            return schema.getType();
        }
        if (schema.getTypes() != null) {
            return schema.getTypes().stream()
                    .filter(type -> !type.equals("null"))
                    .findFirst()
                    .orElse(null);
        }
        return schema.getProperties() != null ? "object" : null;
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String abbreviate(String text) {
        String printable = String.valueOf(text).replaceAll("\\p{Cntrl}", "?");
        return printable.length() > 200 ? printable.substring(0, 200) + "…" : printable;
    }

    private OpenAPI document() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        String json = api().get("/v3/api-docs").send().body();
        return new OpenAPIV3Parser().readContents(json, null, options).getOpenAPI();
    }
}
