package org.orderplatform.sagas.fulfilment;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import java.util.Locale;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.orderplatform.api.order.CancelOrderCommand;
import org.orderplatform.api.order.CancellationReason;
import org.orderplatform.api.order.ConfirmOrderCommand;
import org.orderplatform.api.order.OrderCancelled;
import org.orderplatform.api.order.OrderDelivered;
import org.orderplatform.api.order.OrderLine;
import org.orderplatform.api.order.OrderPlaced;
import org.orderplatform.api.order.OrderShipped;
import org.orderplatform.api.payment.AuthorizePaymentCommand;
import org.orderplatform.api.payment.CapturePaymentCommand;
import org.orderplatform.api.payment.PaymentAuthorizationFailed;
import org.orderplatform.api.payment.PaymentAuthorized;
import org.orderplatform.api.payment.PaymentCaptured;
import org.orderplatform.api.payment.PaymentDeclined;
import org.orderplatform.api.payment.PaymentIds;
import org.orderplatform.api.payment.PaymentOperation;
import org.orderplatform.api.payment.PaymentOperationFailed;
import org.orderplatform.api.payment.PaymentOperationRejected;
import org.orderplatform.api.payment.PaymentVoided;
import org.orderplatform.api.payment.VoidPaymentCommand;
import org.orderplatform.api.stock.CommitStockCommand;
import org.orderplatform.api.stock.ReleaseStockCommand;
import org.orderplatform.api.stock.ReserveStockCommand;
import org.orderplatform.api.stock.StockIds;
import org.orderplatform.api.stock.StockReservationFailed;
import org.orderplatform.api.stock.StockReserved;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * Fulfils one order. Associated with the order id (every stock and order event carries it) and
 * with the payment id it creates.
 *
 * <pre>
 * OrderPlaced              reserve stock for every line
 * all lines reserved       authorize payment; deadline: payment timeout
 *   authorization failed   (provider unreachable) ask again after the retry interval
 *   authorized             confirm the order
 *   declined               release the stock; cancel (PAYMENT_DECLINED)
 *   deadline passes        void the attempt; release the stock; cancel (PAYMENT_TIMEOUT)
 * a line not reservable    (once every line answered) release the reserved ones; cancel (OUT_OF_STOCK)
 * OrderShipped             capture the payment; commit the stock
 * OrderDelivered + captured  end
 * OrderCancelled by the customer (before shipment): void the payment; release the stock; end
 * a capture or void fails  (provider unreachable) try again after the retry interval
 * </pre>
 *
 * Every step is idempotent: the aggregates ignore a command they already carried out, and this
 * saga acts on an event or a deadline only in the step that expects it. Deadlines are therefore
 * never cancelled: one that comes due after its step has passed finds the saga further on (or
 * ended) and does nothing. (Cancelling one that another thread is firing at that moment would
 * fail the whole transaction, and a scheduled deadline is only a row until it is due.)
 */
@Saga
// Off on nodes that only serve the API; the nodes that run it share the work by segment.
@ConditionalOnProperty(prefix = "orders.fulfilment", name = "enabled", matchIfMissing = true)
@JsonAutoDetect(
        fieldVisibility = Visibility.ANY,
        getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
public class OrderFulfilmentSaga {

    private static final Logger log = LoggerFactory.getLogger(OrderFulfilmentSaga.class);

    static final String PAYMENT_TIMEOUT = "payment-timeout";
    static final String PAYMENT_RETRY = "payment-retry";
    static final String OPERATION_RETRY = "payment-operation-retry";

    private String orderId;
    private String paymentId;
    private long totalMinor;
    private String currency;
    private String paymentToken;
    // Sorted by SKU: every saga takes the stock aggregates' locks in the same order, so two orders
    // of the same products cannot deadlock each other.
    private SortedMap<String, Integer> lines = new TreeMap<>();
    private SortedSet<String> reserved = new TreeSet<>();
    private SortedSet<String> unavailable = new TreeSet<>();
    private Step step;
    private boolean paymentRequested;
    private boolean paymentOpen;
    private boolean captured;
    private boolean delivered;
    private PaymentOperation retryingOperation;

    @Autowired
    private transient CommandGateway commands;

    @Autowired
    private transient DeadlineManager deadlines;

    @Autowired
    private transient FulfilmentSettings settings;

    @StartSaga
    @SagaEventHandler(associationProperty = "orderId")
    void on(OrderPlaced event) {
        orderId = event.orderId();
        paymentId = PaymentIds.of(orderId);
        totalMinor = event.totalMinor();
        currency = event.currency();
        paymentToken = event.paymentToken();
        SagaLifecycle.associateWith("paymentId", paymentId);
        step = Step.RESERVING;
        for (OrderLine line : event.lines()) {
            lines.put(line.sku(), line.quantity());
        }
        lines.forEach((sku, quantity) -> send(new ReserveStockCommand(StockIds.of(sku), sku, orderId, quantity)));
    }

    @SagaEventHandler(associationProperty = "orderId")
    void on(StockReserved event) {
        reserved.add(event.sku());
        if (step == Step.COMPENSATING) {
            release(event.sku()); // the order was cancelled while this reservation was on its way
            endIfSettled();
            return;
        }
        proceedOnceEveryLineAnswered();
    }

    @SagaEventHandler(associationProperty = "orderId")
    void on(StockReservationFailed event) {
        unavailable.add(event.sku());
        if (step == Step.COMPENSATING) {
            endIfSettled();
            return;
        }
        proceedOnceEveryLineAnswered();
    }

    private void proceedOnceEveryLineAnswered() {
        if (step != Step.RESERVING || reserved.size() + unavailable.size() < lines.size()) {
            return;
        }
        if (unavailable.isEmpty()) {
            step = Step.AUTHORIZING;
            deadlines.schedule(settings.paymentTimeout(), PAYMENT_TIMEOUT);
            authorize();
        } else {
            compensate(CancellationReason.OUT_OF_STOCK, "not enough stock of " + String.join(", ", unavailable));
        }
    }

    private void authorize() {
        paymentRequested = true;
        paymentOpen = true;
        send(new AuthorizePaymentCommand(paymentId, orderId, totalMinor, currency, paymentToken));
    }

    /**
     * Confirms the order; its {@code OrderConfirmed} has no handler here on purpose: the order then
     * waits for its shipment, and a handler that does nothing would still cost a saga transaction
     * per order (load, save, token).
     */
    @SagaEventHandler(associationProperty = "paymentId")
    void on(PaymentAuthorized event) {
        if (step == Step.AUTHORIZING) {
            step = Step.CONFIRMED;
            send(new ConfirmOrderCommand(orderId));
        }
        // when compensating, a void was asked for already; it finds this authorization and releases it
    }

    @SagaEventHandler(associationProperty = "paymentId")
    void on(PaymentDeclined event) {
        paymentOpen = false;
        if (step == Step.AUTHORIZING) {
            compensate(CancellationReason.PAYMENT_DECLINED, "payment declined: " + event.reason());
        } else {
            endIfSettled();
        }
    }

    @SagaEventHandler(associationProperty = "paymentId")
    void on(PaymentAuthorizationFailed event) {
        if (step == Step.AUTHORIZING) {
            deadlines.schedule(settings.paymentRetryInterval(), PAYMENT_RETRY);
        }
    }

    @DeadlineHandler(deadlineName = PAYMENT_RETRY)
    void retryAuthorization() {
        if (step == Step.AUTHORIZING) {
            authorize();
        }
    }

    @DeadlineHandler(deadlineName = PAYMENT_TIMEOUT)
    void paymentTimedOut() {
        if (step == Step.AUTHORIZING) {
            compensate(
                    CancellationReason.PAYMENT_TIMEOUT, "no payment authorization within " + settings.paymentTimeout());
        }
    }

    @SagaEventHandler(associationProperty = "orderId")
    void on(OrderShipped event) {
        if (step == Step.CONFIRMED) {
            step = Step.SHIPPED;
            send(new CapturePaymentCommand(paymentId));
            reserved.forEach(sku -> send(new CommitStockCommand(StockIds.of(sku), sku, orderId)));
        }
    }

    @SagaEventHandler(associationProperty = "paymentId")
    void on(PaymentCaptured event) {
        captured = true;
        paymentOpen = false;
        endIfSettled();
    }

    @SagaEventHandler(associationProperty = "orderId")
    void on(OrderDelivered event) {
        delivered = true;
        endIfSettled();
    }

    /** The customer cancelled (the saga's own cancellations find it compensating already). */
    @SagaEventHandler(associationProperty = "orderId")
    void on(OrderCancelled event) {
        if (step != Step.COMPENSATING) {
            giveBack();
        }
        endIfSettled();
    }

    @SagaEventHandler(associationProperty = "paymentId")
    void on(PaymentVoided event) {
        paymentOpen = false;
        endIfSettled();
    }

    @SagaEventHandler(associationProperty = "paymentId")
    void on(PaymentOperationFailed event) {
        retryingOperation = event.operation();
        deadlines.schedule(settings.paymentRetryInterval(), OPERATION_RETRY);
    }

    /** A person has to settle it with the provider; the saga moves on. */
    @SagaEventHandler(associationProperty = "paymentId")
    void on(PaymentOperationRejected event) {
        log.error(
                "Payment provider refused to {} the payment of order {} ({}): settle it by hand",
                event.operation().name().toLowerCase(Locale.ROOT),
                orderId,
                event.reason());
        paymentOpen = false;
        if (event.operation() == PaymentOperation.CAPTURE) {
            captured = true;
        }
        endIfSettled();
    }

    @DeadlineHandler(deadlineName = OPERATION_RETRY)
    void retryOperation() {
        if (retryingOperation == PaymentOperation.CAPTURE) {
            send(new CapturePaymentCommand(paymentId));
        } else if (retryingOperation == PaymentOperation.VOID) {
            send(new VoidPaymentCommand(paymentId, "order cancelled"));
        }
        retryingOperation = null;
    }

    /** The platform gives up on the order: give back what was taken and cancel it. */
    private void compensate(CancellationReason reason, String detail) {
        giveBack();
        send(new CancelOrderCommand(orderId, reason, detail));
    }

    private void giveBack() {
        step = Step.COMPENSATING;
        if (paymentRequested && paymentOpen) {
            voidPayment();
        }
        reserved.forEach(this::release);
    }

    private void voidPayment() {
        paymentOpen = true;
        send(new VoidPaymentCommand(paymentId, "order cancelled"));
    }

    /**
     * Sends a command and waits for it: it runs in this saga's transaction, and a failure (a
     * database error, a lock timeout) fails the event, which is then handled again, instead of
     * being logged and lost with the saga waiting for an answer that never comes.
     */
    private void send(Object command) {
        commands.sendAndWait(command);
    }

    private void release(String sku) {
        send(new ReleaseStockCommand(StockIds.of(sku), sku, orderId));
    }

    /**
     * Ends the saga once nothing is left to wait for: delivered and paid, or compensated with every
     * reservation answered and no payment still held.
     */
    private void endIfSettled() {
        boolean fulfilled = step == Step.SHIPPED && delivered && captured;
        boolean compensated =
                step == Step.COMPENSATING && reserved.size() + unavailable.size() >= lines.size() && !paymentOpen;
        if (fulfilled || compensated) {
            SagaLifecycle.end();
        }
    }
}
