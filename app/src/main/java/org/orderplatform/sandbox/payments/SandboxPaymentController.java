package org.orderplatform.sandbox.payments;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.validation.Valid;
import java.util.Map;
import java.util.function.Supplier;
import org.orderplatform.web.problem.ProblemException;
import org.orderplatform.web.problem.StandardProblem;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sandbox card provider's API. Each call first suffers the injected faults, then is answered
 * once per {@code Idempotency-Key}. The platform's own idempotency filter does not apply here (it
 * covers {@code /api/**}): this is the provider's, as a third party would keep it.
 */
// a local stand-in for the payment provider, not part of the platform's API (docs/sagas.md)
@Hidden
@RestController
@SandboxEnabled
@RequestMapping(path = "/sandbox/payments/authorizations", produces = MediaType.APPLICATION_JSON_VALUE)
class SandboxPaymentController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final int MAX_KEY_LENGTH = 255;

    private final CardRules cards;
    private final SandboxLedger ledger;
    private final FaultInjection faults;
    private final IdempotentReplies replies;

    SandboxPaymentController(CardRules cards, SandboxLedger ledger, FaultInjection faults, IdempotentReplies replies) {
        this.cards = cards;
        this.ledger = ledger;
        this.faults = faults;
        this.replies = replies;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> authorize(
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
            @Valid @RequestBody AuthorizationRequest request) {
        return answer(key, new Fingerprint("authorize", null, request), () -> cards.authorize(request));
    }

    @PostMapping(path = "/{authorizationId}/capture", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> capture(
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
            @PathVariable String authorizationId,
            @Valid @RequestBody AmountRequest request) {
        return answer(
                key,
                new Fingerprint("capture", authorizationId, request),
                () -> ledger.capture(authorizationId, request.amountMinor(), request.currency()));
    }

    @PostMapping("/{authorizationId}/void")
    ResponseEntity<Map<String, Object>> voidAuthorization(
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key, @PathVariable String authorizationId) {
        return answer(
                key, new Fingerprint("void", authorizationId, null), () -> ledger.voidAuthorization(authorizationId));
    }

    @PostMapping(path = "/{authorizationId}/refund", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> refund(
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
            @PathVariable String authorizationId,
            @Valid @RequestBody AmountRequest request) {
        return answer(
                key,
                new Fingerprint("refund", authorizationId, request),
                () -> ledger.refund(authorizationId, request.amountMinor(), request.currency()));
    }

    /** Not a provider call but a window into the sandbox, for curl and tests: no faults, no key. */
    @GetMapping("/{authorizationId}")
    SandboxAuthorization find(@PathVariable String authorizationId) {
        return ledger.find(authorizationId)
                .orElseThrow(() ->
                        new ProblemException(StandardProblem.NOT_FOUND, "No sandbox authorization " + authorizationId));
    }

    private ResponseEntity<Map<String, Object>> answer(String key, Fingerprint request, Supplier<SandboxReply> work) {
        String idempotencyKey = required(key);
        if (faults.strikes()) {
            return SandboxReply.unavailable().toResponse(false);
        }
        IdempotentReplies.Outcome outcome = replies.once(idempotencyKey, request, work);
        return outcome.reply().toResponse(outcome.replayed());
    }

    private static String required(String key) {
        if (key == null) {
            throw new ProblemException(
                    StandardProblem.IDEMPOTENCY_KEY_MISSING,
                    "Every payment call needs an Idempotency-Key header; a retry sends the same one");
        }
        String stripped = key.strip();
        if (stripped.isEmpty() || stripped.length() > MAX_KEY_LENGTH) {
            throw new ProblemException(
                    StandardProblem.IDEMPOTENCY_KEY_INVALID, "The Idempotency-Key must be 1 to 255 characters");
        }
        return stripped;
    }

    /** What makes two requests with one key the same request. */
    private record Fingerprint(String operation, String authorizationId, Object body) {}
}
