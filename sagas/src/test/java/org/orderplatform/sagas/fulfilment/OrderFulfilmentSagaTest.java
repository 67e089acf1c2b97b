package org.orderplatform.sagas.fulfilment;

import static org.orderplatform.sagas.fulfilment.OrderFulfilmentSaga.PAYMENT_TIMEOUT;

import java.time.Duration;
import java.util.List;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orderplatform.api.order.CancelOrderCommand;
import org.orderplatform.api.order.CancellationReason;
import org.orderplatform.api.order.ConfirmOrderCommand;
import org.orderplatform.api.order.OrderCancelled;
import org.orderplatform.api.order.OrderConfirmed;
import org.orderplatform.api.order.OrderDelivered;
import org.orderplatform.api.order.OrderLine;
import org.orderplatform.api.order.OrderPlaced;
import org.orderplatform.api.order.OrderShipped;
import org.orderplatform.api.order.ShippingAddress;
import org.orderplatform.api.payment.AuthorizePaymentCommand;
import org.orderplatform.api.payment.CapturePaymentCommand;
import org.orderplatform.api.payment.PaymentAuthorizationFailed;
import org.orderplatform.api.payment.PaymentAuthorized;
import org.orderplatform.api.payment.PaymentCaptured;
import org.orderplatform.api.payment.PaymentDeclined;
import org.orderplatform.api.payment.PaymentIds;
import org.orderplatform.api.payment.PaymentOperation;
import org.orderplatform.api.payment.PaymentOperationFailed;
import org.orderplatform.api.payment.PaymentVoided;
import org.orderplatform.api.payment.VoidPaymentCommand;
import org.orderplatform.api.stock.CommitStockCommand;
import org.orderplatform.api.stock.ReleaseStockCommand;
import org.orderplatform.api.stock.ReserveStockCommand;
import org.orderplatform.api.stock.StockIds;
import org.orderplatform.api.stock.StockReservationFailed;
import org.orderplatform.api.stock.StockReserved;

/** Every path of the fulfilment saga, with the commands it sends and the deadlines it keeps. */
class OrderFulfilmentSagaTest {

    private static final String ORDER = "order-1";
    private static final String PAYMENT = PaymentIds.of(ORDER);
    private static final Duration TIMEOUT = Duration.ofMinutes(15);
    private static final Duration RETRY = Duration.ofSeconds(30);
    private static final ShippingAddress ADDRESS =
            new ShippingAddress("Ada", "1 Main St", null, "Berlin", null, "10117", "DE");
    private static final OrderPlaced PLACED = new OrderPlaced(
            ORDER,
            "customer-1",
            "EUR",
            List.of(new OrderLine("SKU-A", 2, 1000), new OrderLine("SKU-B", 1, 500)),
            ADDRESS,
            2500,
            "tok_visa");
    private static final StockReserved A_RESERVED = new StockReserved(StockIds.of("SKU-A"), "SKU-A", ORDER, 2, 8);
    private static final StockReserved B_RESERVED = new StockReserved(StockIds.of("SKU-B"), "SKU-B", ORDER, 1, 4);
    private static final PaymentAuthorized AUTHORIZED = new PaymentAuthorized(PAYMENT, ORDER, "auth-1", 2500, "EUR");
    private static final AuthorizePaymentCommand AUTHORIZE =
            new AuthorizePaymentCommand(PAYMENT, ORDER, 2500, "EUR", "tok_visa");

    private SagaTestFixture<OrderFulfilmentSaga> fixture;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(OrderFulfilmentSaga.class);
        fixture.registerResource(new FulfilmentSettings(TIMEOUT, RETRY));
    }

    @Test
    void aPlacedOrderReservesStockForEveryLine() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(PLACED)
                .expectActiveSagas(1)
                .expectAssociationWith("orderId", ORDER)
                .expectAssociationWith("paymentId", PAYMENT)
                .expectDispatchedCommands(
                        new ReserveStockCommand(StockIds.of("SKU-A"), "SKU-A", ORDER, 2),
                        new ReserveStockCommand(StockIds.of("SKU-B"), "SKU-B", ORDER, 1));
    }

    @Test
    void itWaitsUntilEveryLineIsReserved() {
        fixture.givenAPublished(PLACED).whenPublishingA(A_RESERVED).expectNoDispatchedCommands();
    }

    @Test
    void whenEveryLineIsReservedItAuthorizesThePaymentWithADeadline() {
        fixture.givenAPublished(PLACED)
                .andThenAPublished(A_RESERVED)
                .whenPublishingA(B_RESERVED)
                .expectDispatchedCommands(AUTHORIZE)
                .expectScheduledDeadlineWithName(TIMEOUT, PAYMENT_TIMEOUT);
    }

    @Test
    void aRedeliveredReservationDoesNotAuthorizeTwice() {
        fixture.givenAPublished(PLACED)
                .andThenAPublished(A_RESERVED)
                .andThenAPublished(B_RESERVED)
                .whenPublishingA(B_RESERVED)
                .expectNoDispatchedCommands();
    }

    @Test
    void anAuthorizedPaymentConfirmsTheOrder() {
        fixture.givenAPublished(PLACED)
                .andThenAPublished(A_RESERVED)
                .andThenAPublished(B_RESERVED)
                .whenPublishingA(AUTHORIZED)
                .expectDispatchedCommands(new ConfirmOrderCommand(ORDER))
                .expectActiveSagas(1);
    }

    @Test
    void thePaymentTimeoutOfAConfirmedOrderDoesNothing() {
        fixture.givenAPublished(PLACED)
                .andThenAPublished(A_RESERVED)
                .andThenAPublished(B_RESERVED)
                .andThenAPublished(AUTHORIZED)
                .whenTimeElapses(TIMEOUT)
                .expectTriggeredDeadlinesWithName(PAYMENT_TIMEOUT)
                .expectNoDispatchedCommands()
                .expectActiveSagas(1);
    }

    @Test
    void aLineOutOfStockReleasesTheOthersAndCancelsTheOrder() {
        fixture.givenAPublished(PLACED)
                .andThenAPublished(A_RESERVED)
                .whenPublishingA(
                        new StockReservationFailed(StockIds.of("SKU-B"), "SKU-B", ORDER, 1, 0, "insufficient_stock"))
                .expectDispatchedCommands(
                        new ReleaseStockCommand(StockIds.of("SKU-A"), "SKU-A", ORDER),
                        new CancelOrderCommand(ORDER, CancellationReason.OUT_OF_STOCK, "not enough stock of SKU-B"))
                .expectNoScheduledDeadlines(); // no payment was asked for
    }

    @Test
    void anOutOfStockOrderEndsTheSagaOnceCancelled() {
        fixture.givenAPublished(PLACED)
                .andThenAPublished(A_RESERVED)
                .andThenAPublished(
                        new StockReservationFailed(StockIds.of("SKU-B"), "SKU-B", ORDER, 1, 0, "insufficient_stock"))
                .whenPublishingA(
                        new OrderCancelled(ORDER, CancellationReason.OUT_OF_STOCK, "not enough stock of SKU-B"))
                .expectActiveSagas(0);
    }

    @Test
    void aDeclinedPaymentReleasesAllStockAndCancels() {
        fixture.givenAPublished(PLACED)
                .andThenAPublished(A_RESERVED)
                .andThenAPublished(B_RESERVED)
                .whenPublishingA(new PaymentDeclined(PAYMENT, ORDER, "card_declined"))
                .expectDispatchedCommands(
                        new ReleaseStockCommand(StockIds.of("SKU-A"), "SKU-A", ORDER),
                        new ReleaseStockCommand(StockIds.of("SKU-B"), "SKU-B", ORDER),
                        new CancelOrderCommand(
                                ORDER, CancellationReason.PAYMENT_DECLINED, "payment declined: card_declined"));
    }

    @Test
    void anUnreachableProviderIsAskedAgainAfterTheRetryInterval() {
        fixture.givenAPublished(PLACED)
                .andThenAPublished(A_RESERVED)
                .andThenAPublished(B_RESERVED)
                .andThenAPublished(new PaymentAuthorizationFailed(PAYMENT, ORDER, "circuit open", 1, false))
                .whenTimeElapses(RETRY)
                .expectDispatchedCommands(AUTHORIZE)
                .expectScheduledDeadlineWithName(TIMEOUT.minus(RETRY), PAYMENT_TIMEOUT);
    }

    @Test
    void withoutAuthorizationInTimeItVoidsReleasesAndCancels() {
        fixture.givenAPublished(PLACED)
                .andThenAPublished(A_RESERVED)
                .andThenAPublished(B_RESERVED)
                .andThenAPublished(new PaymentAuthorizationFailed(PAYMENT, ORDER, "timeout", 1, true))
                .whenTimeElapses(TIMEOUT)
                .expectDispatchedCommands(
                        AUTHORIZE, // the retry due before the timeout
                        new VoidPaymentCommand(PAYMENT, "order cancelled"),
                        new ReleaseStockCommand(StockIds.of("SKU-A"), "SKU-A", ORDER),
                        new ReleaseStockCommand(StockIds.of("SKU-B"), "SKU-B", ORDER),
                        new CancelOrderCommand(
                                ORDER, CancellationReason.PAYMENT_TIMEOUT, "no payment authorization within PT15M"));
    }

    @Test
    void afterATimeoutTheSagaEndsOnceThePaymentIsVoided() throws Exception {
        fixture.givenAPublished(PLACED)
                .andThenAPublished(A_RESERVED)
                .andThenAPublished(B_RESERVED)
                .andThenTimeElapses(TIMEOUT)
                .andThenAPublished(new OrderCancelled(ORDER, CancellationReason.PAYMENT_TIMEOUT, null))
                .whenPublishingA(new PaymentVoided(PAYMENT, ORDER, null, "order cancelled"))
                .expectActiveSagas(0);
    }

    @Test
    void shippingCapturesThePaymentAndCommitsTheStock() {
        fixture.givenAPublished(PLACED)
                .andThenAPublished(A_RESERVED)
                .andThenAPublished(B_RESERVED)
                .andThenAPublished(AUTHORIZED)
                .andThenAPublished(new OrderConfirmed(ORDER))
                .whenPublishingA(new OrderShipped(ORDER))
                .expectDispatchedCommands(
                        new CapturePaymentCommand(PAYMENT),
                        new CommitStockCommand(StockIds.of("SKU-A"), "SKU-A", ORDER),
                        new CommitStockCommand(StockIds.of("SKU-B"), "SKU-B", ORDER));
    }

    @Test
    void aDeliveredAndCapturedOrderEndsTheSaga() {
        fixture.givenAPublished(PLACED)
                .andThenAPublished(A_RESERVED)
                .andThenAPublished(B_RESERVED)
                .andThenAPublished(AUTHORIZED)
                .andThenAPublished(new OrderConfirmed(ORDER))
                .andThenAPublished(new OrderShipped(ORDER))
                .andThenAPublished(new PaymentCaptured(PAYMENT, ORDER, "cap-1"))
                .whenPublishingA(new OrderDelivered(ORDER))
                .expectActiveSagas(0);
    }

    @Test
    void aCaptureTheProviderCannotTakeNowIsRetried() {
        fixture.givenAPublished(PLACED)
                .andThenAPublished(A_RESERVED)
                .andThenAPublished(B_RESERVED)
                .andThenAPublished(AUTHORIZED)
                .andThenAPublished(new OrderShipped(ORDER))
                .andThenAPublished(new PaymentOperationFailed(PAYMENT, ORDER, PaymentOperation.CAPTURE, "503"))
                .whenTimeElapses(RETRY)
                .expectDispatchedCommands(new CapturePaymentCommand(PAYMENT));
    }

    @Test
    void theCustomerCancellingAConfirmedOrderVoidsThePaymentAndReleasesTheStock() {
        fixture.givenAPublished(PLACED)
                .andThenAPublished(A_RESERVED)
                .andThenAPublished(B_RESERVED)
                .andThenAPublished(AUTHORIZED)
                .andThenAPublished(new OrderConfirmed(ORDER))
                .whenPublishingA(new OrderCancelled(ORDER, CancellationReason.CUSTOMER_REQUEST, "changed mind"))
                .expectDispatchedCommands(
                        new VoidPaymentCommand(PAYMENT, "order cancelled"),
                        new ReleaseStockCommand(StockIds.of("SKU-A"), "SKU-A", ORDER),
                        new ReleaseStockCommand(StockIds.of("SKU-B"), "SKU-B", ORDER))
                .expectActiveSagas(1);
    }

    @Test
    void theCustomerCancellationEndsTheSagaOnceThePaymentIsVoided() {
        fixture.givenAPublished(PLACED)
                .andThenAPublished(A_RESERVED)
                .andThenAPublished(B_RESERVED)
                .andThenAPublished(AUTHORIZED)
                .andThenAPublished(new OrderCancelled(ORDER, CancellationReason.CUSTOMER_REQUEST, null))
                .whenPublishingA(new PaymentVoided(PAYMENT, ORDER, "auth-1", "voided"))
                .expectActiveSagas(0);
    }

    @Test
    void aVoidTheProviderCannotTakeNowIsRetried() {
        fixture.givenAPublished(PLACED)
                .andThenAPublished(A_RESERVED)
                .andThenAPublished(B_RESERVED)
                .andThenAPublished(AUTHORIZED)
                .andThenAPublished(new OrderCancelled(ORDER, CancellationReason.CUSTOMER_REQUEST, null))
                .andThenAPublished(new PaymentOperationFailed(PAYMENT, ORDER, PaymentOperation.VOID, "503"))
                .whenTimeElapses(RETRY)
                .expectDispatchedCommands(new VoidPaymentCommand(PAYMENT, "order cancelled"))
                .expectActiveSagas(1);
    }

    @Test
    void aCancellationWhileReservingReleasesReservationsThatArriveLater() {
        fixture.givenAPublished(PLACED)
                .andThenAPublished(A_RESERVED)
                .andThenAPublished(new OrderCancelled(ORDER, CancellationReason.CUSTOMER_REQUEST, null))
                .whenPublishingA(B_RESERVED)
                .expectDispatchedCommands(new ReleaseStockCommand(StockIds.of("SKU-B"), "SKU-B", ORDER))
                .expectActiveSagas(0);
    }

    @Test
    void aLateAuthorizationOfACancelledOrderIsLeftToTheVoidAlreadyAskedFor() {
        fixture.givenAPublished(PLACED)
                .andThenAPublished(A_RESERVED)
                .andThenAPublished(B_RESERVED)
                .andThenAPublished(new OrderCancelled(ORDER, CancellationReason.CUSTOMER_REQUEST, null))
                .whenPublishingA(AUTHORIZED)
                .expectNoDispatchedCommands()
                .expectActiveSagas(1);
    }

    @Test
    void aTimeoutAfterADeclineDoesNothing() {
        fixture.givenAPublished(PLACED)
                .andThenAPublished(A_RESERVED)
                .andThenAPublished(B_RESERVED)
                .andThenAPublished(new PaymentDeclined(PAYMENT, ORDER, "card_declined"))
                .whenTimeElapses(TIMEOUT)
                .expectTriggeredDeadlinesWithName(PAYMENT_TIMEOUT)
                .expectNoDispatchedCommands();
    }

    @Test
    void aRetryDeadlineAfterTheOrderWasConfirmedDoesNothing() {
        fixture.givenAPublished(PLACED)
                .andThenAPublished(A_RESERVED)
                .andThenAPublished(B_RESERVED)
                .andThenAPublished(new PaymentAuthorizationFailed(PAYMENT, ORDER, "503", 1, false))
                .andThenAPublished(AUTHORIZED)
                .whenTimeElapses(RETRY)
                .expectNoDispatchedCommands();
    }
}
