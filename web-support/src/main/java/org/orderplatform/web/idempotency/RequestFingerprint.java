package org.orderplatform.web.idempotency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What makes two requests "the same" for a key: method, path and query, {@code If-Match} and the
 * body. A JSON body is compared by content, not bytes, so key order and whitespace do not matter.
 */
final class RequestFingerprint {

    private static final ObjectMapper CANONICAL =
            new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private RequestFingerprint() {}

    static String of(String method, String pathAndQuery, String ifMatch, byte[] body) {
        MessageDigest sha = sha256();
        update(sha, method);
        update(sha, pathAndQuery);
        update(sha, ifMatch == null ? "" : ifMatch.strip());
        sha.update(canonical(body));
        return HexFormat.of().formatHex(sha.digest());
    }

    private static byte[] canonical(byte[] body) {
        if (body.length == 0) {
            return body;
        }
        try {
            JsonNode tree = CANONICAL.readTree(body);
            Object plain = CANONICAL.treeToValue(tree, Object.class);
            return CANONICAL.writeValueAsBytes(plain);
        } catch (IOException notJson) {
            return body;
        }
    }

    private static void update(MessageDigest sha, String part) {
        sha.update(part.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }
}
