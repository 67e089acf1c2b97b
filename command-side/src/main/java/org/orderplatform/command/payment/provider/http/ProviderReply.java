package org.orderplatform.command.payment.provider.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Pattern;

/** A final answer of the provider (not 5xx/429): its status and its JSON body (empty if it had none). */
record ProviderReply(int status, JsonNode body) {

    // Reasons are passed on to the domain; only short codes are, never free text or markup.
    private static final Pattern REASON_CODE = Pattern.compile("[a-z0-9_]{1,64}");

    boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** A text field of the body, or {@code null} if absent or blank. */
    String text(String field) {
        JsonNode value = body.path(field);
        return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }

    /** The body's {@code reason} if it is a code like {@code card_declined}, else {@code fallback}. */
    String reason(String fallback) {
        String reason = text("reason");
        return reason != null && REASON_CODE.matcher(reason).matches() ? reason : fallback;
    }
}
