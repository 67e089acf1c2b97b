package org.orderplatform.web.idempotency;

import java.util.Optional;

/**
 * Parses the header value. The draft defines it as a Structured Field string ({@code "abc"}); many
 * clients send it bare ({@code abc}), so both are accepted and mean the same key.
 */
final class IdempotencyKeys {

    static final int MAX_LENGTH = 255;

    private IdempotencyKeys() {}

    static Optional<String> parse(String header) {
        String value = header.strip();
        if (value.startsWith("\"")) {
            if (value.length() < 2 || !value.endsWith("\"")) {
                return Optional.empty();
            }
            value = unescape(value.substring(1, value.length() - 1));
            if (value == null) {
                return Optional.empty();
            }
        } else if (value.indexOf('"') >= 0) {
            return Optional.empty();
        }
        if (value.isEmpty() || value.length() > MAX_LENGTH || !printableAscii(value)) {
            return Optional.empty();
        }
        return Optional.of(value);
    }

    /** sf-string escapes: only {@code \"} and {@code \\}; a bare quote inside is invalid. */
    private static String unescape(String quoted) {
        StringBuilder out = new StringBuilder(quoted.length());
        for (int i = 0; i < quoted.length(); i++) {
            char c = quoted.charAt(i);
            if (c == '\\') {
                if (i + 1 >= quoted.length() || (quoted.charAt(i + 1) != '"' && quoted.charAt(i + 1) != '\\')) {
                    return null;
                }
                out.append(quoted.charAt(++i));
            } else if (c == '"') {
                return null;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean printableAscii(String value) {
        return value.chars().allMatch(c -> c >= 0x20 && c <= 0x7E);
    }
}
