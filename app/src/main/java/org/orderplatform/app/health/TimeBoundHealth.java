package org.orderplatform.app.health;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Puts every health check under a time limit ({@code orders.health.timeout}): probes get an
 * answer within it per check, DOWN when the check has none, so a load balancer takes a node whose
 * database does not answer out of rotation in seconds.
 */
final class TimeBoundHealth implements BeanPostProcessor, DisposableBean {

    private final Duration limit;
    private final ExecutorService executor;

    TimeBoundHealth(Duration limit) {
        this.limit = limit;
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "health-check-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof HealthIndicator check && !(bean instanceof TimeBoundHealthIndicator)) {
            return new TimeBoundHealthIndicator(beanName, check, limit, executor);
        }
        return bean;
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
