package org.orderplatform.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.reactive.error.ErrorWebExceptionHandler;
import org.springframework.cloud.gateway.support.NotFoundException;
import org.springframework.cloud.gateway.support.TimeoutException;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Every error the gateway itself produces, as the nodes answer theirs: {@code application/problem+json}
 * (RFC 9457). No ready node: 503 with {@code Retry-After}; a node that failed mid-request: 502; a
 * node too slow: 504; no route: 404. (Answers the nodes give pass through as they are.)
 */
@Order(-2) // before Spring Boot's default handler, which answers with its own JSON
final class ProblemErrorHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorHandler.class);
    static final int RETRY_AFTER_SECONDS = 1;

    private final ObjectMapper json;

    ProblemErrorHandler(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(error);
        }
        if (error instanceof NodeRefusal refusal) {
            // the node's own answer (its problem type and detail), as the REST API gives it
            response.setStatusCode(refusal.status());
            if (refusal.contentType() != null) {
                response.getHeaders().setContentType(refusal.contentType());
            }
            return response.writeWith(Mono.just(response.bufferFactory().wrap(refusal.body())));
        }
        Problem problem = problemFor(error);
        if (problem.status() == HttpStatus.INTERNAL_SERVER_ERROR) {
            log.error("Gateway failure on {}", exchange.getRequest().getPath(), error);
        } else {
            log.info(
                    "{} on {}: {}",
                    problem.status().value(),
                    exchange.getRequest().getPath(),
                    error.toString());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "/problems/" + problem.slug());
        body.put("title", problem.title());
        body.put("status", problem.status().value());
        body.put("detail", problem.detail());
        body.put("instance", exchange.getRequest().getPath().value());
        response.setStatusCode(problem.status());
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (problem.status() == HttpStatus.UNAUTHORIZED) {
            response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "ApiKey header=\"X-API-Key\"");
        }
        if (problem.status() == HttpStatus.SERVICE_UNAVAILABLE) {
            response.getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS));
        }
        if (problem.status() == HttpStatus.TOO_MANY_REQUESTS) {
            Object wait = exchange.getAttribute(EdgeLimitFilter.RETRY_AFTER);
            response.getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(wait != null ? wait : 1));
        }
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            return Mono.error(e);
        }
        return response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)));
    }

    static Problem problemFor(Throwable error) {
        if (error instanceof NotFoundException) {
            return new Problem(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "service-unavailable",
                    "Service unavailable",
                    "No node is ready to take the request; retry later");
        }
        if (error instanceof TimeoutException) {
            return new Problem(
                    HttpStatus.GATEWAY_TIMEOUT,
                    "gateway-timeout",
                    "Gateway timeout",
                    "The node did not answer in time");
        }
        if (error instanceof ResponseStatusException status) {
            HttpStatus code = HttpStatus.resolve(status.getStatusCode().value());
            if (code == HttpStatus.NOT_FOUND) {
                return new Problem(code, "not-found", "Not found", "No resource at this path");
            }
            if (code != null && code.is4xxClientError()) {
                String slug = switch (code) {
                    case UNAUTHORIZED -> "api-key-required";
                    case FORBIDDEN -> "scope-missing";
                    case UNPROCESSABLE_ENTITY -> "validation-failed";
                    case CONFLICT -> "conflict";
                    case METHOD_NOT_ALLOWED -> "method-not-allowed";
                    case NOT_ACCEPTABLE -> "not-acceptable";
                    case UNSUPPORTED_MEDIA_TYPE -> "unsupported-media-type";
                    case PAYLOAD_TOO_LARGE -> "payload-too-large";
                    case TOO_MANY_REQUESTS -> "too-many-requests";
                    default -> "malformed-request";
                };
                return new Problem(code, slug, code.getReasonPhrase(), String.valueOf(status.getReason()));
            }
            if (code == HttpStatus.SERVICE_UNAVAILABLE) {
                return new Problem(
                        code, "service-unavailable", "Service unavailable", "No node could take the request");
            }
            if (code == HttpStatus.GATEWAY_TIMEOUT) {
                return new Problem(code, "gateway-timeout", "Gateway timeout", "The node did not answer in time");
            }
        }
        // the node's connection failed: refused, closed early, reset (a killed node's native
        // "Connection reset by peer" too): all IOExceptions
        if (causedBy(error, IOException.class)) {
            return new Problem(
                    HttpStatus.BAD_GATEWAY, "bad-gateway", "Bad gateway", "The node failed before it answered");
        }
        return new Problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error", "The gateway failed");
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    record Problem(HttpStatus status, String slug, String title, String detail) {}
}
