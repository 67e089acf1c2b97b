package org.orderplatform.web.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.Comparator;
import java.util.List;
import org.orderplatform.web.http.PayloadTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every exception Spring MVC raises into an {@code application/problem+json} response with
 * one of our stable {@link ProblemType}s. Lowest precedence: feature modules map their own
 * exceptions in their own advice first; whatever is left and unexpected becomes a 500 that leaks
 * nothing.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Problems.FieldError> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(error -> new Problems.FieldError(error.getField(), error.getDefaultMessage()))
                .sorted(Comparator.comparing(Problems.FieldError::field))
                .toList();
        return problem(Problems.validation(errors));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Problems.FieldError> errors = ex.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> new Problems.FieldError(
                                result.getMethodParameter().getParameterName(), error.getDefaultMessage())))
                .toList();
        return problem(Problems.validation(errors));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable cause = ex.getMostSpecificCause();
        if (cause instanceof PayloadTooLargeException tooLarge) {
            return problem(Problems.detail(StandardProblem.PAYLOAD_TOO_LARGE, tooLarge.getMessage()));
        }
        return problem(Problems.detail(StandardProblem.MALFORMED_REQUEST, describe(ex)));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception ex, Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
        if (response == null || !(response.getBody() instanceof ProblemDetail problem)) {
            return response;
        }
        // Spring's own problems (404, 405, 415, ...) come typed "about:blank": give them ours.
        ProblemType type = StandardProblem.forStatus(statusCode.value());
        if (type != null && "about:blank".equals(String.valueOf(problem.getType()))) {
            problem.setType(type.uri());
            problem.setTitle(type.title());
        }
        return ResponseEntity.status(response.getStatusCode())
                .headers(response.getHeaders())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    /**
     * A multipart body: no endpoint takes one (the application does not parse multipart at all),
     * but where a multipart resolver is configured a malformed one (no boundary) fails before any
     * handler is chosen.
     */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<Object> multipart(MultipartException ex) {
        return problem(Problems.detail(
                StandardProblem.UNSUPPORTED_MEDIA_TYPE, "Multipart bodies are not accepted; send application/json"));
    }

    /** A Content-Type or Accept header that is not a media type at all, parsed outside negotiation. */
    @ExceptionHandler(InvalidMediaTypeException.class)
    ResponseEntity<Object> invalidMediaType(InvalidMediaTypeException ex) {
        return problem(Problems.detail(
                StandardProblem.MALFORMED_REQUEST, "A media type header cannot be parsed: " + ex.getMediaType()));
    }

    /**
     * The firewall checks header values when they are read: one a handler reads (If-Match, say)
     * with a control character in it is refused here, as the firewall refuses it before.
     */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<Object> rejected(RequestRejectedException ex) {
        return problem(Problems.detail(
                StandardProblem.MALFORMED_REQUEST, "A header or parameter contains characters that are not allowed"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<?> unexpected(Exception ex) {
        if (Unavailability.isCause(ex)) {
            return Unavailability.response(ex);
        }
        log.error("Unhandled exception", ex);
        return problem(Problems.detail(StandardProblem.INTERNAL_ERROR, "An unexpected error occurred."));
    }

    private static ResponseEntity<Object> problem(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    /** A client-facing reason: where in the JSON the problem is, without Jackson's internals. */
    private static String describe(HttpMessageNotReadableException ex) {
        Throwable root = ex.getMostSpecificCause();
        if (root instanceof JsonParseException syntax) {
            return notJson(syntax);
        }
        for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonMappingException mapping
                    && !mapping.getPath().isEmpty()) {
                String field = JsonPaths.of(mapping.getPath());
                if (cause instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
                    return "Field '" + field + "' has the wrong type: expected " + typeName(mismatch.getTargetType());
                }
                String reason = root instanceof JsonProcessingException json ? json.getOriginalMessage() : "unreadable";
                return "Field '" + field + "' is invalid: " + reason;
            }
        }
        if (root instanceof JsonProcessingException json) {
            return notJson(json);
        }
        return "The request body is missing or cannot be read.";
    }

    private static String notJson(JsonProcessingException json) {
        return "The body is not valid JSON: " + json.getOriginalMessage()
                + (json.getLocation() == null
                        ? ""
                        : " (line " + json.getLocation().getLineNr() + ", column "
                                + json.getLocation().getColumnNr() + ")");
    }

    private static String typeName(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }
}
