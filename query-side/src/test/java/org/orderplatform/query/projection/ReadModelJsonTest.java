package org.orderplatform.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.orderplatform.api.order.ShippingAddress;

class ReadModelJsonTest {

    private static final ObjectMapper JSON = ReadModelJson.of(new ObjectMapper());

    @Test
    void replacesNulInRecordFieldsMapValuesAndLists() throws Exception {
        var address = new ShippingAddress("A\u0000B", "1 Main Street", null, "London", null, "N1", "GB");
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("comment", "x\u0000");
        details.put("tags", List.of("\u0000"));

        assertThat(JSON.writeValueAsString(address))
                .contains("\"recipient\":\"A\uFFFDB\"")
                .doesNotContain("\\u0000");
        assertThat(JSON.writeValueAsString(details)).isEqualTo("{\"comment\":\"x\uFFFD\",\"tags\":[\"\uFFFD\"]}");
    }

    @Test
    void replacesUnpairedSurrogatesButKeepsPairs() {
        assertThat(ReadModelJson.storable("a\uD800b\uDC00c")).isEqualTo("a\uFFFDb\uFFFDc");
        assertThat(ReadModelJson.storable("box \uD83D\uDCE6")).isEqualTo("box \uD83D\uDCE6");
        assertThat(ReadModelJson.storable("\u0000\uD83D\uDCE6\uD83D")).isEqualTo("\uFFFD\uD83D\uDCE6\uFFFD");
    }

    @Test
    void leavesOtherTextAlone() throws Exception {
        String text = "Zoë\ttab\nline \u001b esc";

        assertThat(ReadModelJson.storable(text)).isSameAs(text);
        assertThat(JSON.readValue(JSON.writeValueAsString(text), String.class)).isEqualTo(text);
    }

    @Test
    void leavesTheBaseMapperAsItWas() throws Exception {
        ObjectMapper base = new ObjectMapper();
        ReadModelJson.of(base);

        assertThat(base.writeValueAsString("\u0000")).isEqualTo("\"\\u0000\"");
    }
}
