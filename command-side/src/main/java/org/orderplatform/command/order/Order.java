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
import org.orderplatform.api.order.CancellationReason;
import org.orderplatform.api.order.ChangeShippingAddressCommand;
import org.orderplatform.api.order.OrderCancelled;
import org.orderplatform.api.order.OrderLine;
import org.orderplatform.api.order.OrderPlaced;
import org.orderplatform.api.order.OrderStatus;
import org.orderplatform.api.order.PlaceOrderCommand;
import org.orderplatform.api.order.ShippingAddress;
import org.orderplatform.api.order.ShippingAddressChanged;

/**
 * An order, event-sourced. Command handlers check the rules and {@code apply} events; event
 * sourcing handlers only change state. Every command handler returns the aggregate version after
 * the command, which the REST API hands out as the {@code ETag}.
 *
 * <p>Field visibility for Jackson because snapshots serialize this object as it is.
 */
@Aggregate(snapshotTriggerDefinition = OrderSnapshotting.TRIGGER_BEAN)
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
                total(command.lines())));
        return getVersion();
    }

    @CommandHandler
    public long handle(ChangeShippingAddressCommand command) {
        requireVersion(command.expectedVersion());
        requireModifiable("change the shipping address of");
        OrderRules.checkAddress(command.shippingAddress());
        // Re-sending the current address changes nothing: no event, same version.
        if (!command.shippingAddress().equals(shippingAddress)) {
            apply(new ShippingAddressChanged(orderId, command.shippingAddress()));
        }
        return getVersion();
    }

    @CommandHandler
    public long handle(CancelOrderByCustomerCommand command) {
        requireVersion(command.expectedVersion());
        requireModifiable("cancel");
        OrderRules.checkComment(command.comment());
        apply(new OrderCancelled(orderId, CancellationReason.CUSTOMER_REQUEST, command.comment()));
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

    private void requireModifiable(String action) {
        if (status != OrderStatus.PLACED) {
            throw new OrderStateConflictException(orderId, status, action);
        }
    }

    private static long total(List<OrderLine> lines) {
        return lines.stream().mapToLong(OrderLine::lineTotalMinor).reduce(0L, Math::addExact);
    }
}
