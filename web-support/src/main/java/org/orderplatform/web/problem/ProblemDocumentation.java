package org.orderplatform.web.problem;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springframework.http.HttpHeaders;

/**
 * The problems every operation can answer, in the OpenAPI document: one {@code Problem} schema
 * (RFC 9457, as {@code application/problem+json}) and, on each operation, the statuses the
 * middleware and Spring can answer with whatever the handler does (a bad request, a missing or
 * wrong key, a throttled client, a refused {@code Accept}, a busy or unavailable node), plus those
 * its shape allows (a body: 413; a JSON body: 415, 422; a path variable: 404). An operation's own
 * problems, declared on it, stay, with a {@code Problem} body: every error of the API is one.
 */
public class ProblemDocumentation implements GlobalOpenApiCustomizer {

    static final String SCHEMA = "Problem";
    private static final String REF = "#/components/schemas/" + SCHEMA;

    private final List<ProblemCatalogue> catalogues;

    public ProblemDocumentation(List<ProblemCatalogue> catalogues) {
        this.catalogues = List.copyOf(catalogues);
    }

    /** A problem answer with this description, for a module documenting its own problems. */
    public static ApiResponse problem(String description) {
        return new ApiResponse().description(description).content(problemContent());
    }

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getComponents() == null) {
            openApi.setComponents(new Components());
        }
        openApi.getComponents().addSchemas(SCHEMA, problemSchema(catalogues));
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths()
                .forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                    boolean guarded = path.startsWith("/api/") || path.startsWith("/admin/");
                    boolean jsonBody = operation.getRequestBody() != null;
                    Map<String, ApiResponse> problems = new LinkedHashMap<>();
                    problems.put("400", problem("Malformed request or invalid query parameter"));
                    if (guarded) {
                        problems.put("401", problem("API key missing, unknown or revoked"));
                        problems.put("403", problem("The key lacks the scope, or acts for another customer"));
                        problems.put(
                                "429",
                                problem("Over the client's request budget (RateLimit and RateLimit-Policy say it)")
                                        .addHeaderObject(HttpHeaders.RETRY_AFTER, retryAfter(true)));
                    }
                    if (path.contains("{")) {
                        problems.put("404", problem("No such resource"));
                    }
                    problems.put("406", problem("The Accept header excludes JSON"));
                    if (jsonBody || hasBody(method)) {
                        problems.put("413", problem("Body over the size limit"));
                    }
                    if (jsonBody) {
                        problems.put("415", problem("Body not application/json"));
                        problems.put("422", problem("Well-formed but invalid; `errors` names each field"));
                    }
                    problems.put("500", problem("A bug; nothing was changed"));
                    problems.put(
                            "503",
                            problem("The node is busy or its database unavailable")
                                    .addHeaderObject(HttpHeaders.RETRY_AFTER, retryAfter(false)));
                    ApiResponses responses =
                            operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
                    problems.forEach((status, problem) -> {
                        ApiResponse existing = responses.get(status);
                        if (existing == null) {
                            responses.addApiResponse(status, problem);
                        } else if (existing.getDescription() == null) {
                            existing.setDescription(problem.getDescription());
                        } else if (!existing.getDescription().contains(problem.getDescription())) {
                            existing.setDescription(existing.getDescription() + "; or: " + problem.getDescription());
                        }
                    });
                    // every error is a problem: those an operation declares itself ("409", "412", ...)
                    // too, whatever springdoc guessed for them from the handler's return type
                    responses.forEach((status, response) -> {
                        if ((status.startsWith("4") || status.startsWith("5")) && !isProblem(response)) {
                            response.setContent(problemContent());
                        }
                    });
                    operation.setResponses(responses);
                }));
    }

    private static boolean isProblem(ApiResponse response) {
        return response.getContent() != null
                && response.getContent().size() == 1
                && response.getContent().containsKey(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    }

    private static boolean hasBody(PathItem.HttpMethod method) {
        return method == PathItem.HttpMethod.POST
                || method == PathItem.HttpMethod.PUT
                || method == PathItem.HttpMethod.PATCH;
    }

    private static Header retryAfter(boolean required) {
        return new Header()
                .description("Seconds to wait before retrying")
                .required(required)
                .schema(new IntegerSchema().minimum(java.math.BigDecimal.ZERO));
    }

    private static Content problemContent() {
        return new Content()
                .addMediaType(
                        org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                        new MediaType().schema(new Schema<>().$ref(REF)));
    }

    @SuppressWarnings("rawtypes")
    private static Schema problemSchema(List<ProblemCatalogue> catalogues) {
        Schema problem = new ObjectSchema()
                .description("RFC 9457 problem details; `type` is stable (GET /problems lists them all)."
                        + " A type may add members of its own, as RFC 9457 allows; the operation's"
                        + " response says which")
                .addProperty("type", new StringSchema().example("/problems/validation-failed"))
                .addProperty("title", new StringSchema().example("Validation failed"))
                .addProperty("status", new IntegerSchema().example(422))
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema().example("/api/v1/orders"))
                .addProperty(
                        "errors",
                        new ArraySchema()
                                .description("for validation-failed and invalid-query: each field or parameter")
                                .items(new ObjectSchema()
                                        .addProperty("field", new StringSchema().example("lines[0].quantity"))
                                        .addProperty("message", new StringSchema())
                                        .required(List.of("field", "message"))))
                .addProperty(
                        "retryAfterSeconds",
                        new IntegerSchema().description("for service-unavailable: as the Retry-After header"));
        catalogues.forEach(catalogue -> catalogue
                .members()
                .forEach(member -> problem.addProperty(
                        member.name(), new Schema<>().type(member.jsonType()).description(member.description()))));
        problem.setRequired(List.of("type", "title", "status"));
        problem.setAdditionalProperties(true);
        return problem;
    }
}
