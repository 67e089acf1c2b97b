package org.orderplatform.query.orders;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What a list query selects and in which order. {@code createdFrom} is inclusive and
 * {@code createdTo} exclusive. Null means "no condition".
 */
record OrderFilter(String customerId, String status, Instant createdFrom, Instant createdTo, boolean newestFirst) {

    /**
     * A short fingerprint of the query, carried in cursors: a cursor only makes sense for the
     * query that produced it.
     */
    String fingerprint() {
        String text = String.join(
                "|",
                Objects.toString(customerId, ""),
                Objects.toString(status, ""),
                Objects.toString(createdFrom, ""),
                Objects.toString(createdTo, ""),
                newestFirst ? "desc" : "asc");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }
}
