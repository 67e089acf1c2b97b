package org.orderplatform.sandbox.payments;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** What an authorization's {@code paymentToken} makes the sandbox answer (see the package's rules). */
@Component
@SandboxEnabled
class CardRules {

    private final SandboxLedger ledger;
    private final Duration timeoutDelay;

    CardRules(SandboxLedger ledger, @Value("${orders.payments.sandbox.timeout-delay:10s}") Duration timeoutDelay) {
        this.ledger = ledger;
        this.timeoutDelay = timeoutDelay;
    }

    SandboxReply authorize(AuthorizationRequest request) {
        String token = request.paymentToken() == null ? "" : request.paymentToken();
        return switch (token) {
            case "tok_decline" -> SandboxReply.declined("card_declined");
            case "tok_insufficient_funds" -> SandboxReply.declined("insufficient_funds");
            case "tok_unavailable" -> SandboxReply.unavailable();
            case "tok_timeout" -> {
                // the authorization happens, but the answer comes later than the client waits
                Delay.hold(timeoutDelay);
                yield ledger.authorize(request.amountMinor(), request.currency());
            }
            default -> ledger.authorize(request.amountMinor(), request.currency());
        };
    }
}
