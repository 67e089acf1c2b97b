package org.orderplatform.web.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextRuleTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "Ada Lovelace",
                "Straße 1, 3. OG",
                "東京都千代田区",
                "emoji \uD83D\uDCE6 paired surrogates",
                "U+0080 is a C1 control, not refused: \u0080",
                "non-breaking\u00A0space"
            })
    void acceptsOrdinaryText(String text) {
        assertThat(TextRule.violation(text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {0x00, 0x01, 0x08, 0x09, 0x0A, 0x0D, 0x1B, 0x1F, 0x7F})
    void refusesEveryC0ControlAndDelNamingIt(int control) {
        String text = "A" + (char) control + "B";

        assertThat(TextRule.violation(text))
                .hasValueSatisfying(message -> assertThat(message)
                        .contains("control characters")
                        .contains(String.format("U+%04X", control))
                        .contains("index 1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\uD800", "a\uDC00", "\uDBFF\uDBFF\uDC00x", "trailing\uD83D"})
    void refusesUnpairedSurrogates(String text) {
        assertThat(TextRule.violation(text))
                .hasValueSatisfying(message -> assertThat(message).contains("unpaired surrogate"));
    }
}
