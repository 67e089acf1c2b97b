package org.orderplatform.sagas.fulfilment;

/** Where an order's fulfilment stands. */
enum Step {
    /** Waiting for every line's stock reservation. */
    RESERVING,
    /** All reserved; waiting for the payment authorization (deadline running). */
    AUTHORIZING,
    /** Payment authorized; the order is (being) confirmed and waits for shipment. */
    CONFIRMED,
    /** Shipped: payment being captured, stock committed; waiting for delivery. */
    SHIPPED,
    /** The order will not be fulfilled: giving back what was taken, then the saga ends. */
    COMPENSATING
}
