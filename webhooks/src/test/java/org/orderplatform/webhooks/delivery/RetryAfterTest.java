package org.orderplatform.webhooks.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.apache.hc.core5.http.message.BasicHeader;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    @Test
    void readsSeconds() {
        assertThat(WebhookSender.retryAfter(new BasicHeader("Retry-After", "120"), NOW))
                .isEqualTo(Duration.ofSeconds(120));
    }

    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");

    @Test
    void readsAnHttpDate() {
        Duration wait = WebhookSender.retryAfter(new BasicHeader("Retry-After", "Sun, 29 Nov 2026 10:01:00 GMT"), NOW);

        assertThat(wait).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void aDateInThePastMeansNow() {
        assertThat(WebhookSender.retryAfter(new BasicHeader("Retry-After", "Sun, 29 Nov 2026 09:00:00 GMT"), NOW))
                .isEqualTo(Duration.ZERO);
    }

    @Test
    void ignoresWhatItCannotRead() {
        assertThat(WebhookSender.retryAfter(null, NOW)).isNull();
        assertThat(WebhookSender.retryAfter(new BasicHeader("Retry-After", "soon"), NOW))
                .isNull();
        assertThat(WebhookSender.retryAfter(new BasicHeader("Retry-After", "-5"), NOW))
                .isNull();
    }
}
