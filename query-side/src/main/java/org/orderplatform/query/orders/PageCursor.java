package org.orderplatform.query.orders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;

/**
 * A position in an ordered list: the key of the item it is next to, which side of it the page
 * lies on, and the fingerprint of its query. Opaque to clients (base64url of a small JSON object);
 * a keyset, not an offset, so items added meanwhile neither shift nor repeat a page.
 */
record PageCursor(Instant createdAt, String orderId, Direction direction, String query, boolean inclusive) {

    /** A cursor to the items beyond its key (the key's own item excluded). */
    PageCursor(Instant createdAt, String orderId, Direction direction, String query) {
        this(createdAt, orderId, direction, query, false);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    enum Direction {
        /** The page after the key, in the list's order. */
        NEXT,
        /** The page before the key. */
        PREV
    }

    String encode() {
        ObjectNode node = JSON.createObjectNode()
                .put("t", createdAt.toString())
                .put("i", orderId)
                .put("d", direction == Direction.NEXT ? "n" : "p")
                .put("q", query);
        if (inclusive) {
            node.put("x", true);
        }
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(node.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Empty when the text is not a cursor this API produced. */
    static Optional<PageCursor> decode(String text) {
        try {
            JsonNode node = JSON.readTree(Base64.getUrlDecoder().decode(text));
            String direction = node.path("d").asText();
            if (!node.path("i").isTextual()
                    || !node.path("q").isTextual()
                    || !(direction.equals("n") || direction.equals("p"))) {
                return Optional.empty();
            }
            return Optional.of(new PageCursor(
                    Instant.parse(node.path("t").asText()),
                    node.path("i").asText(),
                    direction.equals("n") ? Direction.NEXT : Direction.PREV,
                    node.path("q").asText(),
                    node.path("x").asBoolean(false)));
        } catch (IllegalArgumentException | IOException | DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
