package org.orderplatform.web.faults;

import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;

/** The fault this node is injecting now, if any; setting one with refuseTraffic takes readiness down. */
class InjectedFaults {

    private final AtomicReference<Fault> current = new AtomicReference<>();
    /** Requests held by an injected delay now (metric orders.faults.delayed): a test knows they are in flight. */
    final AtomicInteger delayed = new AtomicInteger();

    private final ApplicationEventPublisher events;

    InjectedFaults(ApplicationEventPublisher events) {
        this.events = events;
    }

    Optional<Fault> current() {
        return Optional.ofNullable(current.get());
    }

    void inject(Fault fault) {
        Fault before = current.getAndSet(fault);
        readiness(before, fault);
    }

    void clear() {
        readiness(current.getAndSet(null), null);
    }

    /** The fault that applies to this request, if it applies. */
    Optional<Fault> matching(String method, String path) {
        Fault fault = current.get();
        return fault != null && fault.matches(method, path) ? Optional.of(fault) : Optional.empty();
    }

    /** Whether this request is one the fault makes fail (its error rate, drawn per request). */
    static boolean fails(Fault fault) {
        return fault.errorRate() > 0 && ThreadLocalRandom.current().nextDouble() < fault.errorRate();
    }

    private void readiness(Fault before, Fault after) {
        boolean wasRefusing = before != null && before.refuseTraffic();
        boolean refuses = after != null && after.refuseTraffic();
        if (wasRefusing != refuses) {
            AvailabilityChangeEvent.publish(
                    events, this, refuses ? ReadinessState.REFUSING_TRAFFIC : ReadinessState.ACCEPTING_TRAFFIC);
        }
    }
}
