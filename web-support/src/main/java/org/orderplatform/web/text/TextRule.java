package org.orderplatform.web.text;

import java.util.Optional;

/**
 * The one rule for text: no C0 control character (U+0000–U+001F, tab and line breaks included),
 * no DEL (U+007F), no unpaired UTF-16 surrogate. Every field of the platform is a single-line
 * value (ids, names, address lines, a comment, a URL); none needs a tab or a line break, and
 * allowing them would only let a value forge lines in logs, CSV exports or shipping labels.
 */
public final class TextRule {

    private TextRule() {}

    /** What is wrong with {@code text}, naming its first offending character; empty when it is fine. */
    public static Optional<String> violation(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                return Optional.of(
                        "must not contain control characters (found " + codePoint(c) + " at index " + i + ")");
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++; // a pair: one character beyond the BMP, which is fine
            } else if (Character.isSurrogate(c)) {
                return Optional.of("must be valid Unicode text (found the unpaired surrogate " + codePoint(c)
                        + " at index " + i + ")");
            }
        }
        return Optional.empty();
    }

    /** {@code U+0000}: how a character is named in messages, since it cannot be shown. */
    static String codePoint(char c) {
        return String.format("U+%04X", (int) c);
    }
}
