package org.orderplatform.it;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.SimpleValidationReportFormat;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.Predicate;
import org.springframework.web.util.UriComponents;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The OpenAPI document as a referee: every exchange sent through it is checked by
 * swagger-request-validator (the request against its operation, the answer's status, headers,
 * content type and body against what the document says the operation answers), and every
 * operation it matched is counted, so the cases can show they drove every operation.
 */
final class Contract {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private final OpenApiInteractionValidator validator;
    private final Map<String, Boolean> operations;
    private final Map<String, Set<Integer>> answered = new ConcurrentSkipListMap<>();
    private final List<String> mismatches = Collections.synchronizedList(new ArrayList<>());

    /** A referee for this document (JSON), on every operation whose path {@code covered} accepts. */
    Contract(String document, Predicate<String> covered) {
        this.validator = OpenApiInteractionValidator.createForInlineApiSpecification(document)
                .withCustomResponseValidation((response, operation) -> {
                    answered.computeIfAbsent(
                                    operation.getMethod() + " "
                                            + operation.getApiPath().original(),
                                    name -> new ConcurrentSkipListSet<>())
                            .add(response.getStatus());
                    return ValidationReport.empty();
                })
                .build();
        this.operations = operations(document, covered);
    }

    /** Sends a request the document describes: the request and the answer are checked. */
    Api.Response send(Api.Request request) {
        return exchange(request, true);
    }

    /**
     * Sends a request the document rules out (no key, a malformed body, a media type it does not
     * take): only the answer is checked, as the document's answer to such a request.
     */
    Api.Response sendOffDocument(Api.Request request) {
        return exchange(request, false);
    }

    /** What the document and the API disagreed on since the last call, and forgets it. */
    List<String> takeMismatches() {
        synchronized (mismatches) {
            List<String> taken = List.copyOf(mismatches);
            mismatches.clear();
            return taken;
        }
    }

    /** Every operation of the document (that the cases must cover), as "METHOD /path". */
    Set<String> operations() {
        return operations.keySet();
    }

    /** Whether the document says this operation ("METHOD /path") needs an API key. */
    boolean needsKey(String operation) {
        return operations.get(operation);
    }

    /** Each operation an answer was matched to, with the statuses it answered. */
    SortedMap<String, Set<Integer>> answered() {
        return new TreeMap<>(answered);
    }

    private Api.Response exchange(Api.Request request, boolean describedRequest) {
        Api.Response response = request.send();
        UriComponents uri = UriComponentsBuilder.fromUriString(request.path()).build();
        String name = request.method() + " " + request.path();
        if (describedRequest) {
            report(name + " (request)", validator.validateRequest(asRequest(request, uri)));
        }
        SimpleResponse.Builder answer = SimpleResponse.Builder.status(response.status());
        response.headers().forEach(answer::withHeader);
        if (response.body() != null && !response.body().isEmpty()) {
            answer.withBody(response.body());
        }
        report(
                name + " -> " + response.status(),
                validator.validateResponse(uri.getPath(), Request.Method.valueOf(request.method()), answer.build()));
        return response;
    }

    private static SimpleRequest asRequest(Api.Request request, UriComponents uri) {
        SimpleRequest.Builder builder = new SimpleRequest.Builder(request.method(), uri.getPath());
        request.headers().forEach(builder::withHeader);
        uri.getQueryParams().forEach(builder::withQueryParam);
        if (request.text() != null) {
            builder.withBody(request.text());
        }
        return builder.build();
    }

    private void report(String exchange, ValidationReport report) {
        if (report.hasErrors()) {
            mismatches.add(exchange + ":\n"
                    + SimpleValidationReportFormat.getInstance().apply(report));
        }
    }

    /** Each operation, and whether it has a security requirement (its own, or the document's). */
    private static Map<String, Boolean> operations(String document, Predicate<String> covered) {
        Map<String, Boolean> operations = new TreeMap<>();
        try {
            JsonNode root = Api.JSON.readTree(document);
            JsonNode paths = root.get("paths");
            paths.fieldNames().forEachRemaining(path -> {
                if (covered.test(path)) {
                    paths.get(path).fields().forEachRemaining(operation -> {
                        if (METHODS.contains(operation.getKey())) {
                            JsonNode security = operation.getValue().has("security")
                                    ? operation.getValue().get("security")
                                    : root.path("security");
                            operations.put(
                                    operation.getKey().toUpperCase(Locale.ROOT) + " " + path,
                                    security.isArray() && !security.isEmpty());
                        }
                    });
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return operations;
    }
}
