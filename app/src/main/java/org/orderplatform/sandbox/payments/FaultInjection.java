package org.orderplatform.sandbox.payments;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/** Applies the current {@link SandboxSettings} to each payment call, before anything else happens. */
@Component
@SandboxEnabled
class FaultInjection {

    private final AtomicReference<SandboxSettings> settings = new AtomicReference<>(SandboxSettings.NONE);

    SandboxSettings settings() {
        return settings.get();
    }

    SandboxSettings change(SandboxSettings changed) {
        settings.set(changed);
        return changed;
    }

    /** Waits the configured latency, then answers whether this call is to fail. */
    boolean strikes() {
        SandboxSettings current = settings.get();
        Delay.hold(Duration.ofMillis(current.latencyMs()));
        // nextDouble() is below 1.0, so a rate of 1.0 always fails and 0.0 never does
        return ThreadLocalRandom.current().nextDouble() < current.failureRate();
    }
}
