package org.orderplatform.command.order;

import org.orderplatform.api.order.OrderStatus;

/** The order's current state does not allow the command (e.g. changing a cancelled order). */
public class OrderStateConflictException extends RuntimeException {

    private final OrderStatus status;

    public OrderStateConflictException(String orderId, OrderStatus status, String action) {
        super("Cannot " + action + " order " + orderId + ": it is " + status);
        this.status = status;
    }

    public OrderStatus status() {
        return status;
    }
}
