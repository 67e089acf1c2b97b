package org.orderplatform.command.payment.provider;

/** What became of an authorization: approved, declined (final), or the provider could not be reached (try again). */
public sealed interface AuthorizationResult {

    record Approved(String authorizationId) implements AuthorizationResult {}

    record Declined(String reason) implements AuthorizationResult {}

    /**
     * No answer. {@code outcomeUnknown}: the provider may have carried the request out (a timeout,
     * a broken connection, a 5xx other than 503), so an authorization may exist under its key.
     */
    record Unavailable(String reason, boolean outcomeUnknown) implements AuthorizationResult {}
}
