package org.orderplatform.webhooks.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static final List<Duration> SCHEDULE = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5));

    @Test
    void waitsTheScheduledTimeMovedByAtMostTheJitter() {
        assertThat(policy(0.0).next(0, null)).contains(Duration.ofSeconds(4));
        assertThat(policy(0.5).next(0, null)).contains(Duration.ofSeconds(5));
        assertThat(policy(0.999999).next(1, null).orElseThrow())
                .isBetween(Duration.ofSeconds(359), Duration.ofSeconds(360));
    }

    @Test
    void spreadsRetriesOverTheWholeJitterRange() {
        RetryPolicy random = new RetryPolicy(SCHEDULE, 0.2, Duration.ofHours(1));
        var waits = java.util.stream.IntStream.range(0, 1000)
                .mapToObj(i -> random.next(0, null).orElseThrow().toMillis())
                .toList();

        assertThat(waits).allSatisfy(wait -> assertThat(wait).isBetween(4000L, 6000L));
        assertThat(waits.stream().mapToLong(Long::longValue).min().orElseThrow())
                .isLessThan(4200);
        assertThat(waits.stream().mapToLong(Long::longValue).max().orElseThrow())
                .isGreaterThan(5800);
    }

    @Test
    void takesTheReceiversRetryAfterCappedAtTheMaximum() {
        assertThat(policy(0.0).next(0, Duration.ofSeconds(42))).contains(Duration.ofSeconds(42));
        assertThat(policy(0.0).next(0, Duration.ofDays(2))).contains(Duration.ofHours(1));
    }

    @Test
    void givesUpAfterTheLastScheduledWait() {
        assertThat(policy(0.5).maxAttempts()).isEqualTo(3);
        assertThat(policy(0.5).next(2, null)).isEmpty();
        assertThat(policy(0.5).next(2, Duration.ofSeconds(1))).isEmpty();
    }

    @Test
    void refusesAJitterOfAWholeWaitOrMore() {
        assertThatThrownBy(() -> new RetryPolicy(SCHEDULE, 1.0, Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static RetryPolicy policy(double random) {
        return new RetryPolicy(SCHEDULE, 0.2, Duration.ofHours(1), () -> random);
    }
}
