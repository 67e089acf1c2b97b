package org.orderplatform.webhooks.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ClaimDepthTest {

    private final ClaimDepth depth = new ClaimDepth();

    @Test
    void claimsTwiceTheConcurrencyUntilAttemptsWereTimed() {
        assertThat(depth.times()).isEqualTo(ClaimDepth.LEAST);
    }

    @Test
    void claimsAboutASecondsWorthOfAttempts() {
        depth.took(Duration.ofMillis(250).toNanos());

        assertThat(depth.times()).isEqualTo(4);
    }

    @Test
    void staysWithinItsBoundsForVeryFastAndVerySlowReceivers() {
        ClaimDepth slow = new ClaimDepth();
        slow.took(Duration.ofSeconds(15).toNanos());
        depth.took(Duration.ofNanos(1).toNanos());

        assertThat(slow.times()).isEqualTo(ClaimDepth.LEAST);
        assertThat(depth.times()).isEqualTo(ClaimDepth.MOST);
    }

    @Test
    void followsAReceiverThatSlowsDown() {
        depth.took(Duration.ofMillis(1).toNanos());
        for (int i = 0; i < 200; i++) {
            depth.took(Duration.ofSeconds(2).toNanos());
        }

        assertThat(depth.times()).isEqualTo(ClaimDepth.LEAST);
    }
}
