package org.orderplatform.app.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

class TimeBoundHealthIndicatorTest {

    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final CountDownLatch released = new CountDownLatch(1);

    @AfterEach
    void release() {
        released.countDown();
        executor.shutdownNow();
    }

    @Test
    void aCheckThatHangsIsDownWithinTheLimitAndIsNotStartedTwice() {
        AtomicInteger started = new AtomicInteger();
        var hanging = new TimeBoundHealthIndicator(
                "db",
                () -> {
                    started.incrementAndGet();
                    try {
                        released.await(); // a query on a frozen database
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return Health.up().build();
                },
                Duration.ofMillis(100),
                executor);

        Health first = hanging.health();
        Health second = hanging.health();

        assertThat(first.getStatus()).isEqualTo(Status.DOWN);
        assertThat(first.getDetails().get("error").toString()).contains("db did not answer within 100 ms");
        assertThat(second.getStatus()).isEqualTo(Status.DOWN);
        assertThat(started).hasValue(1);

        released.countDown();
        org.awaitility.Awaitility.await()
                .until(() -> hanging.health().getStatus().equals(Status.UP));
    }

    @Test
    void aCheckThatFailsIsDownWithItsErrorAndDetailsAreLeftOutWhenAsked() {
        var failing = new TimeBoundHealthIndicator(
                "projections",
                () -> {
                    throw new IllegalStateException("Connection refused");
                },
                Duration.ofSeconds(5),
                executor);

        assertThat(failing.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(failing.health().getDetails().get("error").toString()).contains("Connection refused");
        assertThat(failing.getHealth(false).getDetails()).isEmpty();
    }
}
