package org.orderplatform.command.payment.provider;

/** What became of a capture, void or refund: done, rejected (final), or the provider could not be reached. */
public sealed interface OperationResult {

    record Done(String reference) implements OperationResult {}

    record Rejected(String reason) implements OperationResult {}

    record Unavailable(String reason) implements OperationResult {}
}
