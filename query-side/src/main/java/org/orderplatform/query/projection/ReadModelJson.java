package org.orderplatform.query.projection;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;

/**
 * The JSON that projections write into {@code jsonb} columns, made storable whatever the event
 * holds. PostgreSQL refuses U+0000 in {@code jsonb} (and in {@code text}); the API refuses it
 * since it checks text at the edge, but events stored before that may hold it, and an event is
 * never changed. Rather than park such an order forever, its strings are written with U+0000
 * and unpaired surrogates (which the driver would turn into {@code ?}) replaced by U+FFFD, the
 * replacement character: the order shows, and a replay can rebuild it.
 */
public final class ReadModelJson {

    static final char REPLACEMENT = '\uFFFD';

    private ReadModelJson() {}

    /** A copy of {@code base} (same settings) whose strings are storable. */
    public static ObjectMapper of(ObjectMapper base) {
        return base.copy().registerModule(new SimpleModule("read-model-text").addSerializer(new StorableText()));
    }

    /** {@code text} with what PostgreSQL cannot store replaced; the same instance when nothing is. */
    public static String storable(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (pair) {
                if (out != null) {
                    out.append(c).append(text.charAt(i + 1));
                }
                i++;
                continue;
            }
            boolean bad = c == '\u0000' || Character.isSurrogate(c);
            if (bad && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (out != null) {
                out.append(bad ? REPLACEMENT : c);
            }
        }
        return out == null ? text : out.toString();
    }

    private static final class StorableText extends StdSerializer<String> {

        StorableText() {
            super(String.class);
        }

        @Override
        public void serialize(String value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeString(storable(value));
        }
    }
}
