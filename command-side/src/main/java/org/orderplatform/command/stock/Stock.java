package org.orderplatform.command.stock;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.orderplatform.api.stock.AddStockCommand;
import org.orderplatform.api.stock.CommitStockCommand;
import org.orderplatform.api.stock.ProductRegistered;
import org.orderplatform.api.stock.RegisterProductCommand;
import org.orderplatform.api.stock.ReleaseStockCommand;
import org.orderplatform.api.stock.ReserveStockCommand;
import org.orderplatform.api.stock.StockAdded;
import org.orderplatform.api.stock.StockCommitted;
import org.orderplatform.api.stock.StockReleased;
import org.orderplatform.api.stock.StockReservationFailed;
import org.orderplatform.api.stock.StockReserved;
import org.orderplatform.command.snapshot.SnapshotTriggers;

/**
 * The stock of one SKU. {@code available} never goes below zero: a reservation that does not fit
 * is a {@link StockReservationFailed} event. Each order holds at most one reservation, so reserving,
 * releasing or committing again for the same order has no second effect. (Only open reservations
 * are remembered, not every order ever seen: the saga's commands commit in the same transaction
 * as its own state, so a reservation is never requested again once it was settled.)
 *
 * <p>Reservations may arrive for a SKU nobody registered (an order names it); the aggregate then
 * exists unregistered, records the failure, and can still be registered later.
 */
@Aggregate(snapshotTriggerDefinition = SnapshotTriggers.STOCK)
@JsonAutoDetect(
        fieldVisibility = Visibility.ANY,
        getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
public class Stock {

    static final int MAX_ADDED_AT_ONCE = 1_000_000;

    @AggregateIdentifier
    private String stockId;

    private String sku;
    private boolean registered;
    private long available;
    private Map<String, Integer> reservations = new HashMap<>();

    protected Stock() {}

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RegisterProductCommand command) {
        if (registered) {
            throw new ProductAlreadyRegisteredException(command.sku());
        }
        apply(new ProductRegistered(command.stockId(), command.sku(), command.name()));
    }

    /** Answers the units available after adding. */
    @CommandHandler
    public long handle(AddStockCommand command) {
        if (!registered) {
            throw new ProductNotRegisteredException(command.sku());
        }
        if (command.quantity() < 1 || command.quantity() > MAX_ADDED_AT_ONCE) {
            throw new IllegalArgumentException("quantity must be between 1 and " + MAX_ADDED_AT_ONCE);
        }
        apply(new StockAdded(stockId, sku, command.quantity(), available + command.quantity()));
        return available;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ReserveStockCommand command) {
        if (command.quantity() < 1) {
            // a reservation of nothing, or of less than nothing, would add to the stock
            throw new IllegalArgumentException("quantity must be at least 1, was " + command.quantity());
        }
        if (reservations.containsKey(command.orderId())) {
            return; // this order already holds its units
        }
        if (!registered) {
            apply(new StockReservationFailed(
                    command.stockId(), command.sku(), command.orderId(), command.quantity(), 0, "unknown_sku"));
        } else if (command.quantity() > available) {
            apply(new StockReservationFailed(
                    stockId, sku, command.orderId(), command.quantity(), available, "insufficient_stock"));
        } else {
            apply(new StockReserved(
                    stockId, sku, command.orderId(), command.quantity(), available - command.quantity()));
        }
    }

    @CommandHandler
    public void handle(ReleaseStockCommand command) {
        Integer quantity = reservations.get(command.orderId());
        if (quantity != null) {
            apply(new StockReleased(stockId, sku, command.orderId(), quantity, available + quantity));
        }
    }

    @CommandHandler
    public void handle(CommitStockCommand command) {
        Integer quantity = reservations.get(command.orderId());
        if (quantity != null) {
            apply(new StockCommitted(stockId, sku, command.orderId(), quantity));
        }
    }

    @EventSourcingHandler
    void on(ProductRegistered event) {
        stockId = event.stockId();
        sku = event.sku();
        registered = true;
    }

    @EventSourcingHandler
    void on(StockAdded event) {
        available = event.available();
    }

    @EventSourcingHandler
    void on(StockReserved event) {
        reservations.put(event.orderId(), event.quantity());
        available = event.available();
    }

    @EventSourcingHandler
    void on(StockReservationFailed event) {
        stockId = event.stockId();
        sku = event.sku();
    }

    @EventSourcingHandler
    void on(StockReleased event) {
        reservations.remove(event.orderId());
        available = event.available();
    }

    @EventSourcingHandler
    void on(StockCommitted event) {
        reservations.remove(event.orderId());
    }

    public StockSnapshot snapshot() {
        long reserved =
                reservations.values().stream().mapToLong(Integer::longValue).sum();
        return new StockSnapshot(registered, available, reserved, reservations.size());
    }
}
