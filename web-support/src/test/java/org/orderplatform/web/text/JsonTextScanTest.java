package org.orderplatform.web.text;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.orderplatform.web.problem.Problems;

class JsonTextScanTest {

    @Test
    void namesEveryOffendingFieldByItsJsonPath() {
        String body = """
                {"customerId": "c-1",
                 "lines": [{"sku": "A"}, {"sku": "B\\u0000"}],
                 "shippingAddress": {"recipient": "A\\u0000B", "line1": "tab\\there"},
                 "tags": ["ok", "bell\\u0007"],
                 "comment": "lone \\ud800"}
                """;

        assertThat(fields(body))
                .containsExactly(
                        "lines[1].sku", "shippingAddress.recipient", "shippingAddress.line1", "tags[1]", "comment");
    }

    @Test
    void acceptsADocumentOfOrdinaryText() {
        String body = """
                {"recipient": "Zoë \\u00e9 \\ud83d\\udce6", "n": 3, "ok": true, "none": null, "list": []}
                """;

        assertThat(scan(body)).isEmpty();
    }

    @Test
    void checksFieldNamesToo() {
        assertThat(fields("{\"na\\u0000me\": 1}")).containsExactly("na\\u0000me");
    }

    @Test
    void findsARawDelWhichJsonAllowsUnescaped() {
        assertThat(fields("{\"name\": \"a\u007Fb\"}")).containsExactly("name");
    }

    @Test
    void findsASurrogateEncodedAsRawBytes() throws Exception {
        // CESU-style bytes of U+D800: not UTF-8, yet Jackson 2.19 decodes them to a lone surrogate
        // (later versions refuse them, and then the body is a 400 malformed-request when read)
        byte[] body = {'{', '"', 'a', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'};

        List<String> fields = JsonTextScan.scan(body, null).stream()
                .map(Problems.FieldError::field)
                .toList();

        if (jacksonDecodes(body)) {
            assertThat(fields).containsExactly("a");
        } else {
            assertThat(fields).isEmpty();
        }
    }

    private static boolean jacksonDecodes(byte[] body) throws Exception {
        try (JsonParser parser = new JsonFactory().createParser(body)) {
            while (parser.nextToken() != null) {
                parser.getText();
            }
            return true;
        } catch (JsonParseException refused) {
            return false;
        }
    }

    @Test
    void aStringBodyIsNamedBody() {
        assertThat(fields("\"\\u0000\"")).containsExactly("body");
    }

    @Test
    void leavesADocumentThatIsNotJsonToTheReader() {
        assertThat(scan("{\"recipient\": \"A\\u0000B\", oops")).isEmpty();
        assertThat(scan("not json")).isEmpty();
    }

    @Test
    void readsTheDeclaredCharset() {
        byte[] latin1 = "{\"name\": \"caf\u00e9\\u001b\"}".getBytes(StandardCharsets.ISO_8859_1);

        assertThat(JsonTextScan.scan(latin1, StandardCharsets.ISO_8859_1))
                .extracting(Problems.FieldError::field)
                .containsExactly("name");
    }

    @Test
    void stopsListingAfterEnoughErrors() {
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < 200; i++) {
            body.append(i == 0 ? "" : ",").append("\"\\u0000\"");
        }
        body.append(']');

        assertThat(scan(body.toString())).hasSize(JsonTextScan.MAX_ERRORS);
    }

    private static List<Problems.FieldError> scan(String json) {
        return JsonTextScan.scan(json.getBytes(StandardCharsets.UTF_8), null);
    }

    private static List<String> fields(String json) {
        return scan(json).stream().map(Problems.FieldError::field).toList();
    }
}
