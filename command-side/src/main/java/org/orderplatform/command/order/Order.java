package org.orderplatform.command.order;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.orderplatform.api.order.CancelOrderByCustomerCommand;
import org.orderplatform.api.order.CancelOrderCommand;
import org.orderplatform.api.order.CancellationReason;
import org.orderplatform.api.order.ChangeShippingAddressCommand;
import org.orderplatform.api.order.ConfirmOrderCommand;
import org.orderplatform.api.order.MarkOrderDeliveredCommand;
import org.orderplatform.api.order.MarkOrderShippedCommand;
import org.orderplatform.api.order.OrderCancelled;
import org.orderplatform.api.order.OrderConfirmed;
import org.orderplatform.api.order.OrderDelivered;
import org.orderplatform.api.order.OrderLine;
import org.orderplatform.api.order.OrderPlaced;
import org.orderplatform.api.order.OrderShipped;
import org.orderplatform.api.order.OrderStatus;
import org.orderplatform.api.order.PlaceOrderCommand;
import org.orderplatform.api.order.ShippingAddress;
import org.orderplatform.api.order.ShippingAddressChanged;
import org.orderplatform.command.snapshot.SnapshotTriggers;

/**
 * An order, event-sourced. Command handlers check the rules and {@code apply} events; event
 * sourcing handlers only change state. Every command handler returns the aggregate version after
 * the command, which the REST API hands out as the {@code ETag}.
 *
 * <p>Field visibility for Jackson because snapshots serialize this object as it is.
 */
@Aggregate(snapshotTriggerDefinition = SnapshotTriggers.ORDER)
@JsonAutoDetect(
        fieldVisibility = Visibility.ANY,
        getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
public class Order {

    @AggregateIdentifier
    private String orderId;

    private String customerId;
    private OrderStatus status;
    private ShippingAddress shippingAddress;

    /** For Axon, which creates an empty instance and replays the events onto it. */
    protected Order() {}

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    public long handle(PlaceOrderCommand command) {
        OrderRules.checkPlacement(command);
        apply(new OrderPlaced(
                command.orderId(),
                command.customerId(),
                command.currency(),
                List.copyOf(command.lines()),
                command.shippingAddress(),
                total(command.lines()),
                command.paymentToken()));
        return getVersion();
    }

    @CommandHandler
    public long handle(ChangeShippingAddressCommand command) {
        requireVersion(command.expectedVersion());
        requireStatus("change the shipping address of", OrderStatus.PLACED, OrderStatus.CONFIRMED);
        OrderRules.checkAddress(command.shippingAddress());
        // Re-sending the current address changes nothing: no event, same version.
        if (!command.shippingAddress().equals(shippingAddress)) {
            apply(new ShippingAddressChanged(orderId, command.shippingAddress()));
        }
        return getVersion();
    }

    /** Before shipment only; the fulfilment saga then gives back stock and payment. */
    @CommandHandler
    public long handle(CancelOrderByCustomerCommand command) {
        requireVersion(command.expectedVersion());
        requireStatus("cancel", OrderStatus.PLACED, OrderStatus.CONFIRMED);
        OrderRules.checkComment(command.comment());
        apply(new OrderCancelled(orderId, CancellationReason.CUSTOMER_REQUEST, command.comment()));
        return getVersion();
    }

    /**
     * The saga's commands are idempotent: a redelivered one finds the order already there. A
     * confirmation that meets an order the customer has just cancelled does nothing: the saga
     * sees the cancellation next and gives the payment and stock back.
     */
    @CommandHandler
    public long handle(ConfirmOrderCommand command) {
        if (status != OrderStatus.CONFIRMED && status != OrderStatus.CANCELLED) {
            requireStatus("confirm", OrderStatus.PLACED);
            apply(new OrderConfirmed(orderId));
        }
        return getVersion();
    }

    @CommandHandler
    public long handle(CancelOrderCommand command) {
        if (status != OrderStatus.CANCELLED) {
            requireStatus("cancel", OrderStatus.PLACED, OrderStatus.CONFIRMED);
            apply(new OrderCancelled(orderId, command.reason(), command.detail()));
        }
        return getVersion();
    }

    @CommandHandler
    public long handle(MarkOrderShippedCommand command) {
        requireVersion(command.expectedVersion());
        if (status != OrderStatus.SHIPPED) {
            requireStatus("ship", OrderStatus.CONFIRMED);
            apply(new OrderShipped(orderId));
        }
        return getVersion();
    }

    @CommandHandler
    public long handle(MarkOrderDeliveredCommand command) {
        requireVersion(command.expectedVersion());
        if (status != OrderStatus.DELIVERED) {
            requireStatus("mark as delivered", OrderStatus.SHIPPED);
            apply(new OrderDelivered(orderId));
        }
        return getVersion();
    }

    @EventSourcingHandler
    void on(OrderPlaced event) {
        orderId = event.orderId();
        customerId = event.customerId();
        shippingAddress = event.shippingAddress();
        status = OrderStatus.PLACED;
    }

    @EventSourcingHandler
    void on(ShippingAddressChanged event) {
        shippingAddress = event.shippingAddress();
    }

    @EventSourcingHandler
    void on(OrderConfirmed event) {
        status = OrderStatus.CONFIRMED;
    }

    @EventSourcingHandler
    void on(OrderShipped event) {
        status = OrderStatus.SHIPPED;
    }

    @EventSourcingHandler
    void on(OrderDelivered event) {
        status = OrderStatus.DELIVERED;
    }

    @EventSourcingHandler
    void on(OrderCancelled event) {
        status = OrderStatus.CANCELLED;
    }

    /**
     * A change based on another version than the current one is refused before any rule is
     * checked: the client decided on state it no longer has. (Axon's own version check would
     * let the rules run first and only compare versions when committing.)
     */
    private void requireVersion(Long expected) {
        if (expected != null && !expected.equals(getVersion())) {
            throw new ConflictingAggregateVersionException(orderId, expected, getVersion());
        }
    }

    private void requireStatus(String action, OrderStatus... allowed) {
        if (!List.of(allowed).contains(status)) {
            throw new OrderStateConflictException(orderId, status, action);
        }
    }

    private static long total(List<OrderLine> lines) {
        return lines.stream().mapToLong(OrderLine::lineTotalMinor).reduce(0L, Math::addExact);
    }
}
