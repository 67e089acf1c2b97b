package org.orderplatform.webhooks.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.apache.hc.core5.http.message.BasicHeader;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    @Test
    void readsSeconds() {
        assertThat(WebhookSender.retryAfter(new BasicHeader("Retry-After", "120")))
                .isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void readsAnHttpDate() {
        String inAMinute = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                Instant.now().plusSeconds(60).atOffset(ZoneOffset.UTC));

        Duration wait = WebhookSender.retryAfter(new BasicHeader("Retry-After", inAMinute));

        assertThat(wait).isBetween(Duration.ofSeconds(55), Duration.ofSeconds(61));
    }

    @Test
    void ignoresWhatItCannotRead() {
        assertThat(WebhookSender.retryAfter(null)).isNull();
        assertThat(WebhookSender.retryAfter(new BasicHeader("Retry-After", "soon")))
                .isNull();
        assertThat(WebhookSender.retryAfter(new BasicHeader("Retry-After", "-5")))
                .isNull();
    }
}
