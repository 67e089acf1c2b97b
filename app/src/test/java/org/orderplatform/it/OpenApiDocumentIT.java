package org.orderplatform.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The OpenAPI document as a client generator reads it: valid OpenAPI, and every operation saying
 * what a generated client needs (a summary, the security it needs by a defined scheme, a schema for
 * every parameter, the headers the API requires, the success status it really answers, and its
 * problems).
 */
class OpenApiDocumentIT extends PlatformIT {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/v3/api-docs", "/v3/api-docs/v1", "/v3/api-docs/v2", "/v3/api-docs/admin"})
    void theDocumentIsValidOpenApi(String path) {
        SwaggerParseResult parsed = parse(path);

        assertThat(parsed.getMessages()).as("parser messages").isEmpty();
        assertThat(parsed.getOpenAPI().getPaths()).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/v3/api-docs"})
    void everyOperationSaysWhatAGeneratedClientNeeds(String path) {
        OpenAPI document = parse(path).getOpenAPI();
        List<String> findings = new ArrayList<>();
        document.getPaths()
                .forEach((url, item) -> item.readOperationsMap().forEach((method, operation) -> {
                    if (url.startsWith("/api/test/")) {
                        return; // this suite's own test endpoints, not the application's
                    }
                    String name = method + " " + url;
                    // a generated client's method names: springdoc numbers clashing ones (get_1,
                    // get_2) in the order it finds them, so a new controller could swap them
                    if (operation.getOperationId() == null
                            || !operation.getOperationId().matches("[a-z][A-Za-z0-9]*")) {
                        findings.add(name + ": operationId " + operation.getOperationId() + " is not explicit");
                    }
                    if (operation.getSummary() == null || operation.getSummary().isBlank()) {
                        findings.add(name + ": no summary");
                    }
                    for (Parameter parameter : parameters(item, operation)) {
                        if (parameter.getSchema() == null && parameter.getContent() == null) {
                            findings.add(name + ": parameter " + parameter.getName() + " has no schema");
                        }
                    }
                    List<Map<String, List<String>>> security = operation.getSecurity() != null
                            ? new ArrayList<>(operation.getSecurity())
                            : new ArrayList<>(document.getSecurity() == null ? List.of() : document.getSecurity());
                    security.forEach(requirement -> requirement.keySet().forEach(scheme -> {
                        if (document.getComponents().getSecuritySchemes() == null
                                || !document.getComponents()
                                        .getSecuritySchemes()
                                        .containsKey(scheme)) {
                            findings.add(name + ": security scheme " + scheme + " is not defined");
                        }
                    }));
                    if ((url.startsWith("/api/") || url.startsWith("/admin/")) && security.isEmpty()) {
                        findings.add(name + ": no security requirement");
                    }
                    if (method == PathItem.HttpMethod.POST
                            && (url.startsWith("/api/") || url.startsWith("/admin/products"))
                            && parameters(item, operation).stream()
                                    .noneMatch(parameter -> "Idempotency-Key".equalsIgnoreCase(parameter.getName()))) {
                        findings.add(name + ": POST without its Idempotency-Key header");
                    }
                    if (operation.getResponses().keySet().stream().noneMatch(status -> status.startsWith("4"))) {
                        findings.add(name + ": no 4xx problem documented");
                    }
                }));

        assertThat(findings).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource({
        "POST, /api/v1/orders, 201",
        "POST, /api/v1/webhook-subscriptions, 201",
        "POST, /api/v1/webhook-subscriptions/{id}/test, 202",
        "POST, /admin/products, 201",
        "POST, /admin/api-keys, 201",
        "POST, /admin/projections/{name}/replay, 202",
        "POST, /admin/projections/{name}/rebuild, 202",
        "DELETE, /admin/api-keys/{id}, 204",
        "GET, /api/v2/orders/{orderId}, 200"
    })
    void theSuccessStatusIsTheOneTheApiAnswers(String method, String path, String status) {
        Operation operation = parse("/v3/api-docs")
                .getOpenAPI()
                .getPaths()
                .get(path)
                .readOperationsMap()
                .get(PathItem.HttpMethod.valueOf(method));

        assertThat(operation.getResponses().keySet().stream().filter(code -> code.startsWith("2")))
                .containsExactly(status);
    }

    private SwaggerParseResult parse(String path) {
        Api.Response response = api().get(path).send();
        assertThat(response.status()).isEqualTo(200);
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        return new OpenAPIV3Parser().readContents(response.body(), null, options);
    }

    private static List<Parameter> parameters(PathItem item, Operation operation) {
        List<Parameter> all = new ArrayList<>();
        if (item.getParameters() != null) {
            all.addAll(item.getParameters());
        }
        if (operation.getParameters() != null) {
            all.addAll(operation.getParameters());
        }
        return all;
    }
}
