package org.orderplatform.command.payment;

import static org.assertj.core.api.Assertions.assertThat;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orderplatform.api.payment.AuthorizePaymentCommand;
import org.orderplatform.api.payment.CapturePaymentCommand;
import org.orderplatform.api.payment.PaymentAuthorizationFailed;
import org.orderplatform.api.payment.PaymentAuthorizationRequested;
import org.orderplatform.api.payment.PaymentAuthorized;
import org.orderplatform.api.payment.PaymentCaptured;
import org.orderplatform.api.payment.PaymentDeclined;
import org.orderplatform.api.payment.PaymentIds;
import org.orderplatform.api.payment.PaymentOperation;
import org.orderplatform.api.payment.PaymentOperationFailed;
import org.orderplatform.api.payment.PaymentRefunded;
import org.orderplatform.api.payment.PaymentVoided;
import org.orderplatform.api.payment.RefundPaymentCommand;
import org.orderplatform.api.payment.VoidPaymentCommand;
import org.orderplatform.command.payment.provider.AuthorizationResult;
import org.orderplatform.command.payment.provider.OperationResult;

class PaymentTest {

    private static final String ORDER = "order-1";
    private static final String ID = PaymentIds.of(ORDER);
    private static final AuthorizePaymentCommand AUTHORIZE =
            new AuthorizePaymentCommand(ID, ORDER, 4498, "EUR", "tok_visa");
    private static final PaymentAuthorizationRequested REQUESTED =
            new PaymentAuthorizationRequested(ID, ORDER, 4498, "EUR", "tok_visa");
    private static final PaymentAuthorized AUTHORIZED = new PaymentAuthorized(ID, ORDER, "auth-1", 4498, "EUR");

    private final ScriptedPaymentProvider provider = new ScriptedPaymentProvider();
    private FixtureConfiguration<Payment> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Payment.class);
        fixture.registerInjectableResource(provider);
    }

    @Test
    void anApprovedAuthorizationIsRecorded() {
        provider.authorizations.add(new AuthorizationResult.Approved("auth-1"));

        fixture.givenNoPriorActivity().when(AUTHORIZE).expectEvents(REQUESTED, AUTHORIZED);

        assertThat(provider.calls).containsExactly("authorize " + ID + ":authorize 4498 EUR tok_visa");
    }

    @Test
    void aDeclinedAuthorizationIsRecordedWithTheProvidersReason() {
        provider.authorizations.add(new AuthorizationResult.Declined("card_declined"));

        fixture.givenNoPriorActivity()
                .when(AUTHORIZE)
                .expectEvents(REQUESTED, new PaymentDeclined(ID, ORDER, "card_declined"));
    }

    @Test
    void anUnreachableProviderIsRecordedAndTheNextAttemptUsesTheSameKey() {
        provider.authorizations.add(new AuthorizationResult.Unavailable("timeout", true));
        provider.authorizations.add(new AuthorizationResult.Approved("auth-1"));

        fixture.given(REQUESTED, new PaymentAuthorizationFailed(ID, ORDER, "503", 1, false))
                .when(AUTHORIZE)
                .expectEvents(new PaymentAuthorizationFailed(ID, ORDER, "timeout", 2, true));
        fixture.given(REQUESTED, new PaymentAuthorizationFailed(ID, ORDER, "503", 1, false))
                .when(AUTHORIZE)
                .expectEvents(AUTHORIZED);

        assertThat(provider.calls).allSatisfy(call -> assertThat(call).startsWith("authorize " + ID + ":authorize "));
    }

    @Test
    void authorizingAgainAfterAnAnswerCallsNobody() {
        fixture.given(REQUESTED, AUTHORIZED)
                .when(AUTHORIZE)
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();

        assertThat(provider.calls).isEmpty();
    }

    @Test
    void capturesAnAuthorizedPayment() {
        provider.operations.add(new OperationResult.Done("cap-1"));

        fixture.given(REQUESTED, AUTHORIZED)
                .when(new CapturePaymentCommand(ID))
                .expectEvents(new PaymentCaptured(ID, ORDER, "cap-1"));

        assertThat(provider.calls).containsExactly("capture " + ID + ":capture auth-1 4498");
    }

    @Test
    void aCaptureTheProviderCannotTakeNowIsRecordedForARetry() {
        provider.operations.add(new OperationResult.Unavailable("circuit open"));

        fixture.given(REQUESTED, AUTHORIZED)
                .when(new CapturePaymentCommand(ID))
                .expectEvents(new PaymentOperationFailed(ID, ORDER, PaymentOperation.CAPTURE, "circuit open"));
    }

    @Test
    void voidsAnAuthorizedPayment() {
        provider.operations.add(new OperationResult.Done("void-1"));

        fixture.given(REQUESTED, AUTHORIZED)
                .when(new VoidPaymentCommand(ID, "order cancelled"))
                .expectEvents(new PaymentVoided(ID, ORDER, "auth-1", "voided"));
    }

    /** The authorization timed out: the provider may hold money after all. Asking again tells. */
    @Test
    void voidingAnUnansweredAttemptAsksAgainAndVoidsWhatTheProviderHolds() {
        provider.authorizations.add(new AuthorizationResult.Approved("auth-late"));
        provider.operations.add(new OperationResult.Done("void-1"));

        fixture.given(REQUESTED, new PaymentAuthorizationFailed(ID, ORDER, "timeout", 1, true))
                .when(new VoidPaymentCommand(ID, "payment timeout"))
                .expectEvents(
                        new PaymentAuthorized(ID, ORDER, "auth-late", 4498, "EUR"),
                        new PaymentVoided(ID, ORDER, "auth-late", "voided"));

        assertThat(provider.calls)
                .containsExactly("authorize " + ID + ":authorize 4498 EUR tok_visa", "void " + ID + ":void auth-late");
    }

    /** Every attempt surely failed (503, refused, breaker open): nothing can be held, nobody is asked. */
    @Test
    void voidingAfterAttemptsThatSurelyFailedAsksNobody() {
        fixture.given(
                        REQUESTED,
                        new PaymentAuthorizationFailed(ID, ORDER, "provider_unavailable", 1, false),
                        new PaymentAuthorizationFailed(ID, ORDER, "circuit_open", 2, false))
                .when(new VoidPaymentCommand(ID, "payment timeout"))
                .expectEvents(new PaymentVoided(ID, ORDER, null, "payment timeout"));

        assertThat(provider.calls).isEmpty();
    }

    @Test
    void anAttemptWithAnUnknownOutcomeIsRememberedAfterLaterSureFailures() {
        provider.authorizations.add(new AuthorizationResult.Approved("auth-late"));
        provider.operations.add(new OperationResult.Done("void-1"));

        fixture.given(
                        REQUESTED,
                        new PaymentAuthorizationFailed(ID, ORDER, "provider_timeout", 1, true),
                        new PaymentAuthorizationFailed(ID, ORDER, "circuit_open", 2, false))
                .when(new VoidPaymentCommand(ID, "payment timeout"))
                .expectEvents(
                        new PaymentAuthorized(ID, ORDER, "auth-late", 4498, "EUR"),
                        new PaymentVoided(ID, ORDER, "auth-late", "voided"));
    }

    @Test
    void voidingAnUnansweredAttemptTheProviderDeclinedHoldsNothing() {
        provider.authorizations.add(new AuthorizationResult.Declined("card_declined"));

        fixture.given(REQUESTED, new PaymentAuthorizationFailed(ID, ORDER, "timeout", 1, true))
                .when(new VoidPaymentCommand(ID, "payment timeout"))
                .expectEvents(new PaymentVoided(ID, ORDER, null, "payment timeout"));
    }

    @Test
    void voidingACapturedPaymentDoesNothing() {
        fixture.given(REQUESTED, AUTHORIZED, new PaymentCaptured(ID, ORDER, "cap-1"))
                .when(new VoidPaymentCommand(ID, "too late"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void refundsACapturedPayment() {
        provider.operations.add(new OperationResult.Done("ref-1"));

        fixture.given(REQUESTED, AUTHORIZED, new PaymentCaptured(ID, ORDER, "cap-1"))
                .when(new RefundPaymentCommand(ID, "returned"))
                .expectEvents(new PaymentRefunded(ID, ORDER, "ref-1", "refunded"));
    }
}
