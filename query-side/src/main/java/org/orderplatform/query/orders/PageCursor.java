package org.orderplatform.query.orders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.orderplatform.api.order.OrderLimits;
import org.orderplatform.web.cursor.Cursors;

/**
 * A position in an ordered list: the key of the item it is next to, which side of it the page
 * lies on, and the fingerprint of its query. Opaque to clients (a small JSON object, signed by
 * {@link Cursors}); a keyset, not an offset, so items added meanwhile neither shift nor repeat a
 * page.
 */
record PageCursor(Instant createdAt, String orderId, Direction direction, String query, boolean inclusive) {

    /** A cursor to the items beyond its key (the key's own item excluded). */
    PageCursor(Instant createdAt, String orderId, Direction direction, String query) {
        this(createdAt, orderId, direction, query, false);
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FIELDS = Set.of("t", "i", "d", "q", "x");
    private static final Pattern ID = Pattern.compile(OrderLimits.ID_PATTERN);

    enum Direction {
        /** The page after the key, in the list's order. */
        NEXT,
        /** The page before the key. */
        PREV
    }

    String encode(Cursors cursors) {
        ObjectNode node = JSON.createObjectNode()
                .put("t", createdAt.toString())
                .put("i", orderId)
                .put("d", direction == Direction.NEXT ? "n" : "p")
                .put("q", query);
        if (inclusive) {
            node.put("x", true);
        }
        return cursors.seal(node.toString());
    }

    /**
     * Empty when the text is not a cursor this API produced. A signed cursor holds what this
     * server wrote; its fields are checked anyway (a key that leaked must not let a client reach
     * SQL with what it likes): exactly these fields, a storable instant, an order id's characters.
     */
    static Optional<PageCursor> decode(Cursors cursors, String text) {
        return cursors.open(text).flatMap(PageCursor::parse);
    }

    private static Optional<PageCursor> parse(String position) {
        try {
            JsonNode node = JSON.readTree(position);
            if (!node.isObject() || !FIELDS.containsAll(fieldNames(node))) {
                return Optional.empty();
            }
            String direction = node.path("d").asText();
            JsonNode inclusive = node.path("x");
            if (!node.path("t").isTextual()
                    || !node.path("i").isTextual()
                    || !ID.matcher(node.path("i").asText()).matches()
                    || !node.path("q").isTextual()
                    || !(direction.equals("n") || direction.equals("p"))
                    || !(inclusive.isMissingNode() || inclusive.isBoolean())) {
                return Optional.empty();
            }
            Instant createdAt = Instant.parse(node.path("t").asText());
            if (!Timestamps.storable(createdAt)) {
                return Optional.empty();
            }
            return Optional.of(new PageCursor(
                    createdAt,
                    node.path("i").asText(),
                    direction.equals("n") ? Direction.NEXT : Direction.PREV,
                    node.path("q").asText(),
                    inclusive.asBoolean(false)));
        } catch (IOException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
