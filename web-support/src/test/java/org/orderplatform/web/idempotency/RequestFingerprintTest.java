package org.orderplatform.web.idempotency;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestFingerprintTest {

    private static String of(String body) {
        return RequestFingerprint.of("POST", "/api/v1/orders", null, body.getBytes(UTF_8));
    }

    @Test
    void ignoresKeyOrderAndWhitespaceInJsonBodies() {
        assertThat(of("{\"a\":1,\"b\":{\"c\":[1,2]}}")).isEqualTo(of("{ \"b\" : {\"c\":[1, 2]},\n \"a\":1 }"));
    }

    @Test
    void distinguishesDifferentValues() {
        assertThat(of("{\"a\":1}")).isNotEqualTo(of("{\"a\":2}"));
        assertThat(of("{\"a\":[1,2]}")).isNotEqualTo(of("{\"a\":[2,1]}"));
    }

    @Test
    void distinguishesPathMethodAndIfMatch() {
        byte[] body = "{}".getBytes(UTF_8);
        String base = RequestFingerprint.of("POST", "/a", "\"1\"", body);
        assertThat(RequestFingerprint.of("POST", "/b", "\"1\"", body)).isNotEqualTo(base);
        assertThat(RequestFingerprint.of("PATCH", "/a", "\"1\"", body)).isNotEqualTo(base);
        assertThat(RequestFingerprint.of("POST", "/a", "\"2\"", body)).isNotEqualTo(base);
    }

    @Test
    void comparesNonJsonBodiesByteForByte() {
        assertThat(of("not json")).isEqualTo(of("not json")).isNotEqualTo(of("not  json"));
    }
}
