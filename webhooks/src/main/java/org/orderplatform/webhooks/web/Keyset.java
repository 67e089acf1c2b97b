package org.orderplatform.webhooks.web;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * A position in a list ordered by (time, id): the last item of the previous page. Opaque to
 * clients (base64url); a keyset, not an offset, so rows added meanwhile neither shift nor repeat.
 */
public record Keyset(Instant at, UUID id) {

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((at + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** Empty when the text is not a cursor this API produced. */
    public static Optional<Keyset> decode(String text) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\\|");
            if (parts.length != 2) {
                return Optional.empty();
            }
            return Optional.of(new Keyset(Instant.parse(parts[0]), UUID.fromString(parts[1])));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
