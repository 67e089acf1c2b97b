package org.orderplatform.api.order;

/**
 * The order will not be fulfilled. {@code comment} is free text and may be null.
 *
 * <p>Revision 2 added {@code cancelledBy}. Events stored in revision 1 lack it; an upcaster
 * (event-store, {@code OrderCancelledUpcaster}) adds it as they are read, from the reason.
 */
public record OrderCancelled(String orderId, CancellationReason reason, String comment, CancelledBy cancelledBy) {

    /** Who cancelled follows from why. */
    public OrderCancelled(String orderId, CancellationReason reason, String comment) {
        this(orderId, reason, comment, CancelledBy.of(reason));
    }
}
