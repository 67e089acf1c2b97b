package org.orderplatform.web.problem;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;

/**
 * The problems every operation can answer, in the OpenAPI document: one {@code Problem} schema
 * (RFC 9457, as {@code application/problem+json}) and, on each operation, the statuses the
 * middleware and Spring can answer with whatever the handler does (a bad request, a missing or
 * wrong key, a throttled client, a busy or unavailable node), plus those its shape allows (a body:
 * 413, 415, 422; a path variable: 404). An operation's own problems, declared on it, stay.
 */
public class ProblemDocumentation implements GlobalOpenApiCustomizer {

    static final String SCHEMA = "Problem";
    private static final String REF = "#/components/schemas/" + SCHEMA;

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getComponents() == null) {
            openApi.setComponents(new Components());
        }
        openApi.getComponents().addSchemas(SCHEMA, problemSchema());
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths()
                .forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                    boolean guarded = path.startsWith("/api/") || path.startsWith("/admin/");
                    Map<String, String> problems = new LinkedHashMap<>();
                    problems.put("400", "Malformed request or invalid query parameter");
                    if (guarded) {
                        problems.put("401", "API key missing, unknown or revoked");
                        problems.put("403", "The key lacks the scope, or acts for another customer");
                        problems.put("429", "Over the client's request budget (see Retry-After and RateLimit)");
                    }
                    if (path.contains("{")) {
                        problems.put("404", "No such resource");
                    }
                    problems.put("406", "The Accept header excludes JSON");
                    if (operation.getRequestBody() != null || hasBody(method)) {
                        problems.put("413", "Body over the size limit");
                        problems.put("415", "Body not application/json");
                        problems.put("422", "Well-formed but invalid; `errors` names each field");
                    }
                    problems.put("500", "A bug; nothing was changed");
                    problems.put("503", "The node is busy or its database unavailable (see Retry-After)");
                    ApiResponses responses =
                            operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
                    problems.forEach((status, description) -> {
                        ApiResponse existing = responses.get(status);
                        if (existing == null) {
                            responses.addApiResponse(status, problem(description));
                        } else if (existing.getContent() == null
                                || existing.getContent().isEmpty()) {
                            existing.setContent(problemContent());
                        }
                    });
                    operation.setResponses(responses);
                }));
    }

    private static boolean hasBody(PathItem.HttpMethod method) {
        return method == PathItem.HttpMethod.POST
                || method == PathItem.HttpMethod.PUT
                || method == PathItem.HttpMethod.PATCH;
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse().description(description).content(problemContent());
    }

    private static Content problemContent() {
        return new Content()
                .addMediaType(
                        org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                        new MediaType().schema(new Schema<>().$ref(REF)));
    }

    @SuppressWarnings("rawtypes")
    private static Schema problemSchema() {
        return new ObjectSchema()
                .description("RFC 9457 problem details; `type` is stable (GET /problems lists them all)")
                .addProperty("type", new StringSchema().example("/problems/validation-failed"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema())
                .addProperty(
                        "errors",
                        new io.swagger.v3.oas.models.media.ArraySchema()
                                .description("for validation-failed and invalid-query: each field or parameter")
                                .items(new ObjectSchema()
                                        .addProperty("field", new StringSchema())
                                        .addProperty("message", new StringSchema())));
    }
}
