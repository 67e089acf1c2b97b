package org.orderplatform.sandbox.payments;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The sandbox's authorizations and what may happen to each: capture or void once, then refund
 * what was captured. Each change is checked and made atomically, per authorization.
 */
@Component
@SandboxEnabled
class SandboxLedger {

    static final int CAPACITY = 100_000;

    private final Map<String, SandboxAuthorization> authorizations = RecentEntries.map(CAPACITY);

    SandboxReply authorize(long amountMinor, String currency) {
        SandboxAuthorization authorization = SandboxAuthorization.authorized(newId("auth_"), amountMinor, currency);
        authorizations.put(authorization.authorizationId(), authorization);
        return SandboxReply.approved(authorization.authorizationId());
    }

    Optional<SandboxAuthorization> find(String authorizationId) {
        return Optional.ofNullable(authorizations.get(authorizationId));
    }

    SandboxReply capture(String authorizationId, long amountMinor, String currency) {
        return change(authorizationId, authorization -> switch (authorization.state()) {
            case VOIDED -> refused("voided");
            case CAPTURED -> refused("already_captured");
            case AUTHORIZED -> {
                if (!authorization.accepts(currency)) {
                    yield refused("currency_mismatch");
                }
                if (amountMinor > authorization.amountMinor()) {
                    yield refused("amount_exceeds_authorization");
                }
                yield new Change(
                        authorization.captured(amountMinor), SandboxReply.done("captureId", newId("cap_"), "captured"));
            }
        });
    }

    SandboxReply voidAuthorization(String authorizationId) {
        return change(authorizationId, authorization -> switch (authorization.state()) {
            case CAPTURED -> refused("captured");
            case VOIDED -> refused("voided");
            case AUTHORIZED ->
                new Change(authorization.voided(), SandboxReply.done("voidId", newId("void_"), "voided"));
        });
    }

    SandboxReply refund(String authorizationId, long amountMinor, String currency) {
        return change(authorizationId, authorization -> {
            if (authorization.state() != SandboxAuthorization.State.CAPTURED) {
                return refused("not_captured");
            }
            if (!authorization.accepts(currency)) {
                return refused("currency_mismatch");
            }
            if (amountMinor > authorization.refundableMinor()) {
                return refused("amount_exceeds_capture");
            }
            return new Change(
                    authorization.refunded(amountMinor), SandboxReply.done("refundId", newId("ref_"), "refunded"));
        });
    }

    /** Applies {@code rule} to the authorization under the map's lock; 404 if there is none. */
    private SandboxReply change(String authorizationId, Function<SandboxAuthorization, Change> rule) {
        AtomicReference<SandboxReply> reply =
                new AtomicReference<>(SandboxReply.rejected(HttpStatus.NOT_FOUND, "unknown_authorization"));
        authorizations.computeIfPresent(authorizationId, (id, authorization) -> {
            Change change = rule.apply(authorization);
            reply.set(change.reply());
            return change.next() == null ? authorization : change.next();
        });
        return reply.get();
    }

    private static Change refused(String reason) {
        return new Change(null, SandboxReply.rejected(HttpStatus.UNPROCESSABLE_ENTITY, reason));
    }

    private static String newId(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "");
    }

    /** What a rule decided: the authorization after it ({@code null}: unchanged) and the answer. */
    private record Change(SandboxAuthorization next, SandboxReply reply) {}
}
