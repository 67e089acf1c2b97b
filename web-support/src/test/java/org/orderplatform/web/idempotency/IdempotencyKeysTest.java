package org.orderplatform.web.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdempotencyKeysTest {

    @Test
    void acceptsAStructuredFieldString() {
        assertThat(IdempotencyKeys.parse("\"8e03978e-40d5-43e8-bc93-6894a57f9324\""))
                .contains("8e03978e-40d5-43e8-bc93-6894a57f9324");
    }

    @Test
    void acceptsABareValueAsTheSameKey() {
        assertThat(IdempotencyKeys.parse("8e03978e-40d5")).isEqualTo(IdempotencyKeys.parse("\"8e03978e-40d5\""));
    }

    @Test
    void unescapesQuotesAndBackslashes() {
        assertThat(IdempotencyKeys.parse("\"a\\\"b\\\\c\"")).contains("a\"b\\c");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "   ",
                "\"\"",
                "\"unterminated",
                "half\"quoted",
                "\"a\"b\"",
                "\"bad\\escape\"",
                "tab\there",
                "caf\u00e9"
            })
    void rejectsEmptyBrokenOrNonAsciiKeys(String header) {
        assertThat(IdempotencyKeys.parse(header)).isEmpty();
    }

    @Test
    void rejectsKeysLongerThan255Characters() {
        assertThat(IdempotencyKeys.parse("k".repeat(255))).isPresent();
        assertThat(IdempotencyKeys.parse("k".repeat(256))).isEmpty();
    }
}
