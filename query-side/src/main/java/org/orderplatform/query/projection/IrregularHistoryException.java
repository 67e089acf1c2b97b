package org.orderplatform.query.projection;

/**
 * A chunk in which an order's events are not what an order aggregate produces (an event before
 * the order was placed in the same chunk, a second {@code OrderPlaced}, sequence numbers that go
 * backwards): the bulk fold does not promise the live handlers' result there, so it refuses the
 * chunk and the live handlers take over.
 */
public class IrregularHistoryException extends RuntimeException {

    public IrregularHistoryException(String message) {
        super(message);
    }
}
