package org.orderplatform.query.bulk;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

/** The real storage engine, with something happening once a stream has handed out {@code after} events. */
final class EngineWithIncident implements EventStorageEngine {

    private final EventStorageEngine delegate;
    private final int after;
    private final Runnable incident;

    EngineWithIncident(EventStorageEngine delegate, int after, Runnable incident) {
        this.delegate = delegate;
        this.after = after;
        this.incident = incident;
    }

    @Override
    public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
        AtomicInteger handedOut = new AtomicInteger();
        return delegate.readEvents(trackingToken, mayBlock).peek(event -> {
            if (handedOut.incrementAndGet() == after) {
                incident.run();
            }
        });
    }

    @Override
    public void appendEvents(java.util.List<? extends EventMessage<?>> events) {
        delegate.appendEvents(events);
    }

    @Override
    public void storeSnapshot(DomainEventMessage<?> snapshot) {
        delegate.storeSnapshot(snapshot);
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
        return delegate.readEvents(aggregateIdentifier, firstSequenceNumber);
    }

    @Override
    public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
        return delegate.readSnapshot(aggregateIdentifier);
    }

    @Override
    public TrackingToken createTailToken() {
        return delegate.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return delegate.createHeadToken();
    }
}
