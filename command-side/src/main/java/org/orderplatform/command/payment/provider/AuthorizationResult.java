package org.orderplatform.command.payment.provider;

/** What became of an authorization: approved, declined (final), or the provider could not be reached (try again). */
public sealed interface AuthorizationResult {

    record Approved(String authorizationId) implements AuthorizationResult {}

    record Declined(String reason) implements AuthorizationResult {}

    record Unavailable(String reason) implements AuthorizationResult {}
}
