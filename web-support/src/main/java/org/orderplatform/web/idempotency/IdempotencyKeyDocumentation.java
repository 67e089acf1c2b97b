package org.orderplatform.web.idempotency;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.orderplatform.web.problem.ProblemDocumentation;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Declares the {@code Idempotency-Key} header in the OpenAPI document on exactly the operations
 * the filter requires it for (its methods and paths, from the same settings), with a schema a
 * client generator can use, and what the filter answers there: the {@code Idempotent-Replayed}
 * header of a replayed answer, 409 while the first request is in flight, 422 for a key reused for
 * another request. Declared by hand on some controllers it had no schema, and on others it was
 * missing.
 */
class IdempotencyKeyDocumentation implements GlobalOpenApiCustomizer {

    private final IdempotencyProperties properties;
    private final List<PathPattern> paths;

    IdempotencyKeyDocumentation(IdempotencyProperties properties) {
        this.properties = properties;
        this.paths = properties.paths().stream()
                .map(PathPatternParser.defaultInstance::parse)
                .toList();
    }

    @Override
    public void customise(io.swagger.v3.oas.models.OpenAPI openApi) {
        if (!properties.enabled() || openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths()
                .forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                    if (requires(method, path)) {
                        declare(operation);
                    }
                }));
    }

    private boolean requires(PathItem.HttpMethod method, String path) {
        if (!properties.methods().contains(method.name().toUpperCase(Locale.ROOT))) {
            return false;
        }
        PathContainer container = PathContainer.parsePath(path);
        return paths.stream().anyMatch(pattern -> pattern.matches(container));
    }

    private static void declare(Operation operation) {
        List<Parameter> parameters =
                operation.getParameters() == null ? new ArrayList<>() : new ArrayList<>(operation.getParameters());
        parameters.removeIf(parameter -> IdempotencyFilter.HEADER.equalsIgnoreCase(parameter.getName()));
        parameters.add(new HeaderParameter()
                .name(IdempotencyFilter.HEADER)
                .required(true)
                .description("A unique value per intended change (a UUID): a retry with the same key and body"
                        + " gets the first answer again instead of repeating the change; kept 24 h")
                .schema(new StringSchema()
                        .minLength(1)
                        .maxLength(255)
                        .example("8f14e45f-ceea-467f-a8b5-3c2b7e1d9a0b")));
        operation.setParameters(parameters);
        operation.getResponses().forEach((status, response) -> {
            if (status.startsWith("2")) {
                response.addHeaderObject(
                        IdempotencyFilter.REPLAYED_HEADER,
                        new Header()
                                .description("true: the stored answer to the first request with this key")
                                .schema(new BooleanSchema()));
            }
        });
        operation
                .getResponses()
                .addApiResponse(
                        "409",
                        problemUnlessDeclared(
                                operation, "409", "A request with this Idempotency-Key is still in progress"));
        operation
                .getResponses()
                .addApiResponse(
                        "422",
                        problemUnlessDeclared(
                                operation, "422", "The Idempotency-Key was used for a different request"));
    }

    /** The operation's own answer for this status, or a problem answer with this description. */
    private static io.swagger.v3.oas.models.responses.ApiResponse problemUnlessDeclared(
            Operation operation, String status, String description) {
        var declared = operation.getResponses().get(status);
        if (declared == null) {
            return ProblemDocumentation.problem(description);
        }
        declared.setDescription(declared.getDescription() + "; or: " + description);
        return declared;
    }
}
