package org.orderplatform.api.order;

/** Lifecycle of an order as the aggregate sees it. The fulfilment saga adds its states to this list. */
public enum OrderStatus {
    PLACED,
    CANCELLED
}
