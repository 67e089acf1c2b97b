package org.orderplatform.walkthrough;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The README's request bodies ({@code docs/examples/}) as the generated client's models. Read
 * strictly: a field the document does not know fails here instead of being dropped silently.
 */
final class Examples {

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .findAndAddModules()
            .build();

    // failsafe runs in the module's directory; the examples are the repository's
    private static final Path DIR = Path.of("..", "docs", "examples");

    private Examples() {}

    static <T> T read(String file, Class<T> model) {
        try {
            return STRICT.readValue(DIR.resolve(file).toFile(), model);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
