package org.orderplatform.sandbox.payments;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * One answer of the provider: a status and a small JSON body. Failures are provider answers
 * ({@code {status, reason}}), not problem documents: a client reads them as a card provider's.
 */
record SandboxReply(HttpStatus status, Map<String, Object> body) {

    static final String REPLAYED = "Idempotent-Replayed";

    static SandboxReply approved(String authorizationId) {
        return of(HttpStatus.CREATED, "authorizationId", authorizationId, "status", "approved");
    }

    static SandboxReply declined(String reason) {
        return of(HttpStatus.PAYMENT_REQUIRED, "status", "declined", "reason", reason);
    }

    static SandboxReply done(String idField, String id, String status) {
        return of(HttpStatus.OK, idField, id, "status", status);
    }

    static SandboxReply rejected(HttpStatus status, String reason) {
        return of(status, "status", "rejected", "reason", reason);
    }

    static SandboxReply unavailable() {
        return of(HttpStatus.SERVICE_UNAVAILABLE, "status", "unavailable", "reason", "provider_unavailable");
    }

    /** Whether a retry must get this same answer: everything but a 5xx, which a retry may get past. */
    boolean isFinal() {
        return !status.is5xxServerError();
    }

    ResponseEntity<Map<String, Object>> toResponse(boolean replayed) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON);
        if (replayed) {
            response.header(REPLAYED, "true");
        }
        if (status == HttpStatus.SERVICE_UNAVAILABLE) {
            response.header(HttpHeaders.RETRY_AFTER, "1");
        }
        return response.body(body);
    }

    private static SandboxReply of(HttpStatus status, String... fields) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < fields.length; i += 2) {
            body.put(fields[i], fields[i + 1]);
        }
        return new SandboxReply(status, Collections.unmodifiableMap(body));
    }
}
