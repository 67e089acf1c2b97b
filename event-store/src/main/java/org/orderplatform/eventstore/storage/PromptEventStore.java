package org.orderplatform.eventstore.storage;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.lifecycle.Lifecycle.LifecycleRegistry;
import org.axonframework.lifecycle.Phase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Axon's embedded event store, with two fixes that take a fixed wait out of every processor hop
 * (docs/performance.md, L1):
 *
 * <ul>
 *   <li><b>Wake-up after the real commit.</b> Axon wakes its reader when its unit of work commits.
 *       When that unit of work joined a longer Spring transaction (the HTTP idempotency filter holds
 *       one per request), Axon's commit is not the database's: the reader found nothing yet and the
 *       event waited for the next poll. Here the wake-up waits for Spring's commit.
 *   <li><b>Streams that say when events arrive.</b> Axon's pooled processors ask their stream for
 *       an availability callback; without one their coordinator looks again only every 500 ms.
 *       Every stream opened here offers one: a watcher follows the store's shared cache and calls
 *       every registered callback as soon as new events are in it, whichever node appended them.
 * </ul>
 */
public class PromptEventStore extends EmbeddedEventStore {

    private static final Logger log = LoggerFactory.getLogger(PromptEventStore.class);
    /** A watcher further behind than this skips to the head instead of reading every event. */
    private static final int MAX_DRAINED_PER_WAKE_UP = 1_000;

    private final Set<Runnable> callbacks = ConcurrentHashMap.newKeySet();
    private final Object watcherLock = new Object();
    private volatile Thread watcher;
    private volatile boolean closed;

    PromptEventStore(Builder builder) {
        super(builder);
    }

    @Override
    protected void afterCommit(List<? extends EventMessage<?>> events) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    wakeReader(events);
                }
            });
        } else {
            wakeReader(events);
        }
    }

    /** Wakes the reader that fills the shared cache; the callbacks follow once it has the events. */
    void wakeReader(List<? extends EventMessage<?>> events) {
        super.afterCommit(events);
    }

    @Override
    public TrackingEventStream openStream(TrackingToken trackingToken) {
        return new NotifyingStream(super.openStream(trackingToken));
    }

    @Override
    public void registerLifecycleHandlers(LifecycleRegistry handle) {
        super.registerLifecycleHandlers(handle);
        handle.onShutdown(Phase.INBOUND_EVENT_CONNECTORS - 10, this::stopWatcher);
    }

    /** How many availability callbacks are registered (streams of running processors). */
    int listeners() {
        return callbacks.size();
    }

    private void startWatcher() {
        synchronized (watcherLock) {
            if (watcher == null && !closed) {
                Thread thread = new Thread(this::watch, "event-store-watcher");
                thread.setDaemon(true);
                watcher = thread;
                thread.start();
            }
        }
    }

    private void stopWatcher() {
        closed = true;
        synchronized (watcherLock) {
            if (watcher != null) {
                watcher.interrupt();
            }
        }
    }

    /** Follows the head of the store and calls every callback when events arrive. */
    private void watch() {
        TrackingEventStream stream = null;
        while (!closed) {
            try {
                if (stream == null) {
                    stream = super.openStream(createHeadToken());
                }
                if (stream.hasNextAvailable(1, TimeUnit.SECONDS)) {
                    int drained = 0;
                    while (stream.hasNextAvailable() && drained++ < MAX_DRAINED_PER_WAKE_UP) {
                        stream.nextAvailable();
                    }
                    if (drained > MAX_DRAINED_PER_WAKE_UP) {
                        stream.close();
                        stream = null;
                    }
                    callbacks.forEach(PromptEventStore::run);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                log.warn("Event store watcher failed; processors fall back to polling until it recovers", e);
                if (stream != null) {
                    stream.close();
                    stream = null;
                }
                // processors still poll on their own, so a pause here only delays, never loses
                callbacks.forEach(PromptEventStore::run);
                LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
            }
        }
        if (stream != null) {
            stream.close();
        }
    }

    private static void run(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            log.warn("An event availability callback failed", e);
        }
    }

    /** A stream of the store that accepts an availability callback. */
    private final class NotifyingStream implements TrackingEventStream {

        private final TrackingEventStream delegate;
        private volatile Runnable callback;

        NotifyingStream(TrackingEventStream delegate) {
            this.delegate = delegate;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return delegate.peek();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            return delegate.hasNextAvailable(timeout, unit);
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return delegate.nextAvailable();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            delegate.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public boolean setOnAvailableCallback(Runnable newCallback) {
            Runnable previous = callback;
            if (previous != null) {
                callbacks.remove(previous);
            }
            callback = newCallback;
            callbacks.add(newCallback);
            startWatcher();
            return true;
        }

        @Override
        public void close() {
            Runnable registered = callback;
            if (registered != null) {
                callbacks.remove(registered);
            }
            delegate.close();
        }
    }
}
