package org.orderplatform.web.cursor;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code orders.http.cursor-keys}: the keys that sign pagination cursors, the first signing and all
 * verifying (rotation: put the new key first, remove the old one once its cursors have aged out).
 * Empty: one key shared by all nodes through the database, made by the first node that starts.
 */
@ConfigurationProperties("orders.http")
public record CursorProperties(List<String> cursorKeys) {

    static final int MIN_KEY_LENGTH = 32;

    public CursorProperties {
        cursorKeys = cursorKeys == null
                ? List.of()
                : cursorKeys.stream().filter(key -> !key.isBlank()).toList();
        for (String key : cursorKeys) {
            if (key.length() < MIN_KEY_LENGTH) {
                throw new IllegalArgumentException(
                        "orders.http.cursor-keys: each key needs at least " + MIN_KEY_LENGTH + " characters");
            }
        }
    }
}
