package org.orderplatform.api.order;

/** Who ended an order: its customer, or the platform (stock, payment). */
public enum CancelledBy {
    CUSTOMER,
    PLATFORM;

    public static CancelledBy of(CancellationReason reason) {
        return reason == CancellationReason.CUSTOMER_REQUEST ? CUSTOMER : PLATFORM;
    }
}
