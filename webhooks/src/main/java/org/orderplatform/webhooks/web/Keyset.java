package org.orderplatform.webhooks.web;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.UUID;
import org.orderplatform.web.cursor.Cursors;

/**
 * A position in a list ordered by (time, id): the last item of the previous page. Opaque to
 * clients (signed by {@link Cursors}); a keyset, not an offset, so rows added meanwhile neither shift nor repeat.
 */
public record Keyset(Instant at, UUID id) {

    public String encode(Cursors cursors) {
        return cursors.seal(at + "|" + id);
    }

    /** Empty when the text is not a cursor this API produced (signed by {@link Cursors}). */
    public static Optional<Keyset> decode(Cursors cursors, String text) {
        return cursors.open(text).flatMap(Keyset::parse);
    }

    private static Optional<Keyset> parse(String position) {
        try {
            String[] parts = position.split("\\|");
            if (parts.length != 2) {
                return Optional.empty();
            }
            return Optional.of(new Keyset(Instant.parse(parts[0]), UUID.fromString(parts[1])));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
