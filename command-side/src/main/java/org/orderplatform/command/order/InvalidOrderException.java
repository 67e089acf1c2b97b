package org.orderplatform.command.order;

/** A command carried data that breaks an order invariant; {@code field} names the offending part. */
public class InvalidOrderException extends RuntimeException {

    private final String field;

    public InvalidOrderException(String field, String message) {
        super(field + " " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
