package org.orderplatform.web.problem;

import org.springframework.http.HttpStatus;

/**
 * The problems any part of the API can answer with: malformed requests, validation, idempotency,
 * preconditions, authentication, throttling, and the statuses Spring raises itself. A feature's
 * own problems (an order that cannot change, a projection that is busy) are declared by its
 * module, as a {@link ProblemCatalogue}.
 */
public enum StandardProblem implements ProblemType {
    MALFORMED_REQUEST(
            "malformed-request",
            HttpStatus.BAD_REQUEST,
            "Malformed request",
            "The body is not valid JSON, a value has the wrong type, or the URL, a header or a parameter cannot be parsed."),
    VALIDATION_FAILED(
            "validation-failed",
            HttpStatus.UNPROCESSABLE_ENTITY,
            "Validation failed",
            "The request is well-formed but some fields break the rules; `errors` names each field."),
    INVALID_QUERY(
            "invalid-query",
            HttpStatus.BAD_REQUEST,
            "Invalid query parameter",
            "A filter, sort, limit or cursor parameter is not valid; `errors` names each parameter."),
    CORRELATION_ID_INVALID(
            "correlation-id-invalid",
            HttpStatus.BAD_REQUEST,
            "X-Correlation-Id malformed",
            "The `X-Correlation-Id` must be 1 to 64 letters, digits or `.`, `_`, `:`, `-`; leave it out to get one."),
    IDEMPOTENCY_KEY_MISSING(
            "idempotency-key-missing",
            HttpStatus.BAD_REQUEST,
            "Idempotency-Key required",
            "This POST needs an `Idempotency-Key` header (a unique value such as a UUID) so it can be retried safely."),
    IDEMPOTENCY_KEY_INVALID(
            "idempotency-key-invalid",
            HttpStatus.BAD_REQUEST,
            "Idempotency-Key malformed",
            "The `Idempotency-Key` must be 1 to 255 printable ASCII characters, optionally quoted."),
    IDEMPOTENCY_KEY_REUSED(
            "idempotency-key-reused",
            HttpStatus.UNPROCESSABLE_ENTITY,
            "Idempotency-Key reused",
            "The key was already used for a different request (method, path, If-Match or body differ)."),
    IDEMPOTENCY_KEY_IN_FLIGHT(
            "idempotency-key-in-flight",
            HttpStatus.CONFLICT,
            "Request still in progress",
            "A request with this key is still being processed; retry after it has finished."),
    PRECONDITION_REQUIRED(
            "precondition-required",
            HttpStatus.PRECONDITION_REQUIRED,
            "If-Match required",
            "Changes to an order need `If-Match` with the ETag (version) the change is based on."),
    PRECONDITION_FAILED(
            "precondition-failed",
            HttpStatus.PRECONDITION_FAILED,
            "Version mismatch",
            "The resource has changed since the version in `If-Match`; fetch it again and re-apply the change."),
    CONCURRENT_MODIFICATION(
            "concurrent-modification",
            HttpStatus.CONFLICT,
            "Concurrent modification",
            "Another request changed the resource at the same moment; fetch it again and retry."),
    API_KEY_REQUIRED(
            "api-key-required",
            HttpStatus.UNAUTHORIZED,
            "API key required",
            "Send an API key in the `X-API-Key` header (or `Authorization: Bearer <key>`)."),
    API_KEY_INVALID(
            "api-key-invalid", HttpStatus.UNAUTHORIZED, "API key not valid", "The API key is unknown or revoked."),
    SCOPE_MISSING(
            "scope-missing",
            HttpStatus.FORBIDDEN,
            "Scope missing",
            "The API key is valid but lacks the scope this request needs (orders:read, orders:write, webhooks:manage, admin)."),
    CUSTOMER_MISMATCH(
            "customer-mismatch",
            HttpStatus.FORBIDDEN,
            "Other customer",
            "The API key acts for one customer only, and this request is about another."),
    API_KEY_NOT_FOUND("api-key-not-found", HttpStatus.NOT_FOUND, "API key not found", "No API key has this id."),
    NOT_FOUND("not-found", HttpStatus.NOT_FOUND, "Not found", "No resource at this path."),
    METHOD_NOT_ALLOWED(
            "method-not-allowed",
            HttpStatus.METHOD_NOT_ALLOWED,
            "Method not allowed",
            "The resource exists but does not support this HTTP method; see the `Allow` header."),
    NOT_ACCEPTABLE(
            "not-acceptable",
            HttpStatus.NOT_ACCEPTABLE,
            "Not acceptable",
            "The API answers in `application/json` or `application/problem+json` only."),
    UNSUPPORTED_MEDIA_TYPE(
            "unsupported-media-type",
            HttpStatus.UNSUPPORTED_MEDIA_TYPE,
            "Unsupported media type",
            "Send request bodies as `application/json`."),
    PAYLOAD_TOO_LARGE(
            "payload-too-large",
            HttpStatus.PAYLOAD_TOO_LARGE,
            "Request body too large",
            "The request body is larger than the configured limit."),
    TOO_MANY_REQUESTS(
            "too-many-requests",
            HttpStatus.TOO_MANY_REQUESTS,
            "Too many requests",
            "The client used up its request limit; retry after `Retry-After` seconds. `RateLimit` and `RateLimit-Policy` tell the limit and what is left."),
    SERVICE_BUSY(
            "service-busy",
            HttpStatus.SERVICE_UNAVAILABLE,
            "Too busy",
            "This node is handling as many changes as it can at once; retry after `Retry-After` seconds (nothing was done)."),
    SERVICE_UNAVAILABLE(
            "service-unavailable",
            HttpStatus.SERVICE_UNAVAILABLE,
            "Service unavailable",
            "A dependency is unavailable; retry later."),
    WRITE_QUORUM_UNAVAILABLE(
            "write-quorum-unavailable",
            HttpStatus.SERVICE_UNAVAILABLE,
            "Writes unavailable",
            "The database has too few standbys to commit a change now (its replication quorum); reads go on. Nothing was changed: retry after `Retry-After` seconds."),
    COMMIT_OUTCOME_UNKNOWN(
            "commit-outcome-unknown",
            HttpStatus.SERVICE_UNAVAILABLE,
            "Outcome unknown",
            "The database connection failed while the change was being committed: it may or may not have been made. Retry with the same Idempotency-Key: that is safe (the change is made at most once, and a retry of a change that was made gets its first answer)."),
    INTERNAL_ERROR(
            "internal-error",
            HttpStatus.INTERNAL_SERVER_ERROR,
            "Internal error",
            "Something failed on the server. Nothing was changed; it is safe to retry with the same Idempotency-Key.");

    private final Definition definition;

    StandardProblem(String slug, HttpStatus status, String title, String description) {
        this.definition = new Definition(slug, status, title, description);
    }

    @Override
    public Definition definition() {
        return definition;
    }

    /** The type for a status Spring raised itself (404, 405, ...), or {@code null} for none of ours. */
    static StandardProblem forStatus(int status) {
        return switch (status) {
            case 400 -> MALFORMED_REQUEST;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 422 -> VALIDATION_FAILED;
            case 428 -> PRECONDITION_REQUIRED;
            case 503 -> SERVICE_UNAVAILABLE;
            case 500 -> INTERNAL_ERROR;
            default -> null;
        };
    }
}
