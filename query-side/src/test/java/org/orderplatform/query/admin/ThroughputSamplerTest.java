package org.orderplatform.query.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The rate behind a replay's or rebuild's ETA, on a clock and positions the test moves. */
class ThroughputSamplerTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong();
    private final AtomicLong position = new AtomicLong();
    private final ThroughputSampler sampler = new ThroughputSampler(now::get);

    @Test
    void aRateFromTheSecondSampleOn() {
        sampler.watch("replay", position::get);
        sample(0, 0);
        assertThat(sampler.eventsPerSecond("replay")).isZero();

        sample(1, 500);

        assertThat(sampler.eventsPerSecond("replay")).isCloseTo(500, within(0.001));
    }

    @Test
    void aPositionThatGoesBackStartsTheWindowAfreshSoIdleSecondsDoNotWaterTheRateDown() {
        sampler.watch("replay", position::get);
        for (int second = 0; second < 8; second++) {
            sample(second, 10_000); // caught up, idle
        }

        sample(8, 0); // the replay resets the position
        sample(9, 4_000);
        sample(10, 8_000);

        assertThat(sampler.eventsPerSecond("replay")).isCloseTo(4_000, within(0.001));
    }

    @Test
    void theWindowIsTheLastTenSeconds() {
        sampler.watch("live", position::get);
        for (int second = 0; second <= 20; second++) {
            // 100 a second for ten seconds, then 1,000 a second
            sample(second, second <= 10 ? 100L * second : 1_000 + 1_000L * (second - 10));
        }

        assertThat(sampler.eventsPerSecond("live")).isCloseTo(1_000, within(0.001));
    }

    @Test
    void aPositionThatCannotBeReadSkipsItsSampleOnly() {
        sampler.watch("failing", () -> {
            throw new IllegalStateException("database away");
        });
        sampler.watch("fine", position::get);

        sample(0, 0);
        sample(2, 300);

        assertThat(sampler.eventsPerSecond("fine")).isCloseTo(150, within(0.001));
        assertThat(sampler.eventsPerSecond("failing")).isZero();
        assertThat(sampler.eventsPerSecond("never watched")).isZero();
    }

    private void sample(long second, long at) {
        now.set(second * SECOND);
        position.set(at);
        sampler.sample();
    }
}
