package org.orderplatform.app.health;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * A health check that answers within its time limit, whatever the check it wraps does: a database
 * that is frozen (SIGSTOP) or gone would otherwise hold a probe for the connection pool's timeout
 * or forever. Past the limit the answer is DOWN. A check still running from an earlier probe is
 * waited for again rather than started twice, so a hung dependency does not pile up threads.
 */
final class TimeBoundHealthIndicator implements HealthIndicator, DisposableBean {

    private final String name;
    private final HealthIndicator check;
    private final Duration limit;
    private final ExecutorService executor;
    private final AtomicReference<Future<Health>> running = new AtomicReference<>();

    TimeBoundHealthIndicator(String name, HealthIndicator check, Duration limit, ExecutorService executor) {
        this.name = name;
        this.check = check;
        this.limit = limit;
        this.executor = executor;
    }

    @Override
    public Health health() {
        Future<Health> answer = running.updateAndGet(
                previous -> previous != null && !previous.isDone() ? previous : executor.submit(check::health));
        try {
            return answer.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return Health.down()
                    .withDetail("error", name + " did not answer within " + limit.toMillis() + " ms")
                    .build();
        } catch (ExecutionException e) {
            return Health.down(e.getCause()).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.unknown().build();
        }
    }

    /** The wrapped check's own clean-up (a Kafka admin client, say): Spring sees only this wrapper. */
    @Override
    public void destroy() throws Exception {
        if (check instanceof DisposableBean disposable) {
            disposable.destroy();
        }
    }
}
