package org.orderplatform.command.payment;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import java.util.Locale;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.orderplatform.api.payment.AuthorizePaymentCommand;
import org.orderplatform.api.payment.CapturePaymentCommand;
import org.orderplatform.api.payment.PaymentAuthorizationFailed;
import org.orderplatform.api.payment.PaymentAuthorizationRequested;
import org.orderplatform.api.payment.PaymentAuthorized;
import org.orderplatform.api.payment.PaymentCaptured;
import org.orderplatform.api.payment.PaymentDeclined;
import org.orderplatform.api.payment.PaymentOperation;
import org.orderplatform.api.payment.PaymentOperationFailed;
import org.orderplatform.api.payment.PaymentOperationRejected;
import org.orderplatform.api.payment.PaymentRefunded;
import org.orderplatform.api.payment.PaymentVoided;
import org.orderplatform.api.payment.RefundPaymentCommand;
import org.orderplatform.api.payment.VoidPaymentCommand;
import org.orderplatform.command.payment.provider.AuthorizationResult;
import org.orderplatform.command.payment.provider.OperationResult;
import org.orderplatform.command.payment.provider.PaymentProvider;

/**
 * One order's payment. Every provider call uses a key derived from the payment and the operation,
 * so asking again (after a crash, a retry, a redelivered command) returns the provider's first
 * answer instead of charging twice. An unreachable provider is recorded, not thrown: the saga
 * decides when to try again.
 */
@Aggregate
@JsonAutoDetect(
        fieldVisibility = Visibility.ANY,
        getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
public class Payment {

    private static final String AUTHORIZE = "authorize";

    @AggregateIdentifier
    private String paymentId;

    private String orderId;
    private PaymentStatus status = PaymentStatus.NEW;
    private String authorizationId;
    private long amountMinor;
    private String currency;
    private String paymentToken;
    private boolean requested;
    private int attempts;
    private boolean outcomeUnknown;

    protected Payment() {}

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(AuthorizePaymentCommand command, PaymentProvider provider) {
        if (status != PaymentStatus.NEW) {
            return; // authorized, declined or already given up: the answer stands
        }
        if (!requested) {
            apply(new PaymentAuthorizationRequested(
                    command.paymentId(),
                    command.orderId(),
                    command.amountMinor(),
                    command.currency(),
                    command.paymentToken()));
        }
        String key = command.paymentId() + ":" + AUTHORIZE;
        AuthorizationResult result =
                provider.authorize(key, command.amountMinor(), command.currency(), command.paymentToken());
        if (result instanceof AuthorizationResult.Approved approved) {
            apply(new PaymentAuthorized(
                    command.paymentId(),
                    command.orderId(),
                    approved.authorizationId(),
                    command.amountMinor(),
                    command.currency()));
        } else if (result instanceof AuthorizationResult.Declined declined) {
            apply(new PaymentDeclined(command.paymentId(), command.orderId(), declined.reason()));
        } else if (result instanceof AuthorizationResult.Unavailable unavailable) {
            apply(new PaymentAuthorizationFailed(
                    command.paymentId(),
                    command.orderId(),
                    unavailable.reason(),
                    attempts + 1,
                    unavailable.outcomeUnknown()));
        }
    }

    @CommandHandler
    public void handle(CapturePaymentCommand command, PaymentProvider provider) {
        if (status == PaymentStatus.AUTHORIZED) {
            record(
                    PaymentOperation.CAPTURE,
                    provider.capture(key(PaymentOperation.CAPTURE), authorizationId, amountMinor, currency));
        }
    }

    /**
     * Releases the money held. When an authorization attempt may have been carried out without our
     * hearing of it (a timeout), the provider may hold money we do not know of: asking again with
     * the same key tells us, and what it holds is voided. (Without a way to look an attempt up, the
     * question is the same request again: if the attempt never arrived after all, this creates the
     * authorization, which is voided at once.) When every attempt surely failed, nothing is held.
     */
    @CommandHandler
    public void handle(VoidPaymentCommand command, PaymentProvider provider) {
        if (status == PaymentStatus.AUTHORIZED) {
            record(PaymentOperation.VOID, provider.voidAuthorization(key(PaymentOperation.VOID), authorizationId));
            return;
        }
        if (status != PaymentStatus.NEW) {
            return; // declined, captured, voided or refunded: nothing is held, or it is not ours to void
        }
        if (!requested || !outcomeUnknown) {
            apply(new PaymentVoided(paymentId, orderId, null, command.reason()));
            return;
        }
        AuthorizationResult earlier =
                provider.authorize(paymentId + ":" + AUTHORIZE, amountMinor, currency, paymentToken);
        if (earlier instanceof AuthorizationResult.Approved approved) {
            apply(new PaymentAuthorized(paymentId, orderId, approved.authorizationId(), amountMinor, currency));
            record(
                    PaymentOperation.VOID,
                    provider.voidAuthorization(key(PaymentOperation.VOID), approved.authorizationId()));
        } else if (earlier instanceof AuthorizationResult.Declined) {
            apply(new PaymentVoided(paymentId, orderId, null, command.reason()));
        } else if (earlier instanceof AuthorizationResult.Unavailable unavailable) {
            apply(new PaymentOperationFailed(paymentId, orderId, PaymentOperation.VOID, unavailable.reason()));
        }
    }

    @CommandHandler
    public void handle(RefundPaymentCommand command, PaymentProvider provider) {
        if (status == PaymentStatus.CAPTURED) {
            record(
                    PaymentOperation.REFUND,
                    provider.refund(key(PaymentOperation.REFUND), authorizationId, amountMinor, currency));
        }
    }

    private void record(PaymentOperation operation, OperationResult result) {
        if (result instanceof OperationResult.Done done) {
            apply(
                    switch (operation) {
                        case CAPTURE -> new PaymentCaptured(paymentId, orderId, done.reference());
                        case VOID -> new PaymentVoided(paymentId, orderId, authorizationId, "voided");
                        case REFUND -> new PaymentRefunded(paymentId, orderId, done.reference(), "refunded");
                    });
        } else if (result instanceof OperationResult.Rejected rejected) {
            apply(new PaymentOperationRejected(paymentId, orderId, operation, rejected.reason()));
        } else if (result instanceof OperationResult.Unavailable unavailable) {
            apply(new PaymentOperationFailed(paymentId, orderId, operation, unavailable.reason()));
        }
    }

    private String key(PaymentOperation operation) {
        return paymentId + ":" + operation.name().toLowerCase(Locale.ROOT);
    }

    @EventSourcingHandler
    void on(PaymentAuthorizationRequested event) {
        paymentId = event.paymentId();
        orderId = event.orderId();
        amountMinor = event.amountMinor();
        currency = event.currency();
        paymentToken = event.paymentToken();
        requested = true;
    }

    @EventSourcingHandler
    void on(PaymentAuthorized event) {
        paymentId = event.paymentId();
        orderId = event.orderId();
        authorizationId = event.authorizationId();
        amountMinor = event.amountMinor();
        currency = event.currency();
        status = PaymentStatus.AUTHORIZED;
    }

    @EventSourcingHandler
    void on(PaymentDeclined event) {
        paymentId = event.paymentId();
        orderId = event.orderId();
        status = PaymentStatus.DECLINED;
    }

    @EventSourcingHandler
    void on(PaymentAuthorizationFailed event) {
        paymentId = event.paymentId();
        orderId = event.orderId();
        attempts = event.attempt();
        outcomeUnknown |= event.outcomeUnknown();
    }

    @EventSourcingHandler
    void on(PaymentCaptured event) {
        status = PaymentStatus.CAPTURED;
    }

    @EventSourcingHandler
    void on(PaymentVoided event) {
        paymentId = event.paymentId();
        orderId = event.orderId();
        status = PaymentStatus.VOIDED;
    }

    @EventSourcingHandler
    void on(PaymentRefunded event) {
        status = PaymentStatus.REFUNDED;
    }
}
