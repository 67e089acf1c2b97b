package org.orderplatform.web.text;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.orderplatform.web.problem.Problems;

/**
 * Streams a JSON document and lists every string (value or field name) that breaks the
 * {@link TextRule}, by its JSON path ({@code shippingAddress.recipient}, {@code lines[1].sku}).
 * A document that is not JSON lists nothing: reading it fails later, with its own 400.
 */
final class JsonTextScan {

    /** Enough to show a client what is wrong without echoing a whole hostile body back. */
    static final int MAX_ERRORS = 50;

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private JsonTextScan() {}

    /**
     * @param charset the body's declared charset, or null to detect it as Jackson does (UTF-8, -16, -32)
     */
    static List<Problems.FieldError> scan(byte[] body, Charset charset) {
        List<Problems.FieldError> errors = new ArrayList<>();
        // as Spring's Jackson converter reads it: bytes unless another charset than UTF-8 is declared
        try (JsonParser parser = charset == null || StandardCharsets.UTF_8.equals(charset)
                ? FACTORY.createParser(body)
                : FACTORY.createParser(new InputStreamReader(new ByteArrayInputStream(body), charset))) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (errors.size() >= MAX_ERRORS) {
                    break;
                }
                if (token == JsonToken.FIELD_NAME) {
                    check(parser.currentName(), parser.getParsingContext(), errors);
                } else if (token == JsonToken.VALUE_STRING) {
                    check(parser.getText(), parser.getParsingContext(), errors);
                }
            }
        } catch (IOException notJson) {
            return List.of();
        }
        return errors;
    }

    private static void check(String text, JsonStreamContext at, List<Problems.FieldError> errors) {
        Optional<String> violation = TextRule.violation(text);
        violation.ifPresent(message -> errors.add(new Problems.FieldError(path(at), message)));
    }

    /** The path the way clients and Bean Validation errors write it: {@code lines[2].sku}. */
    static String path(JsonStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
            if (at.inArray()) {
                parts.push("[" + at.getCurrentIndex() + "]");
            } else if (at.getCurrentName() != null) {
                parts.push("." + printable(at.getCurrentName()));
            }
        }
        String path = String.join("", parts);
        if (path.isEmpty()) {
            return "body";
        }
        return path.startsWith(".") ? path.substring(1) : path;
    }

    /** A field name may itself be the offender: show its control characters as JSON escapes. */
    private static String printable(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7F || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
