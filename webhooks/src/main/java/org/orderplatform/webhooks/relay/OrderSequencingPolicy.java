package org.orderplatform.webhooks.relay;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.orderplatform.webhooks.events.IntegrationEventMapper;

/**
 * One order's events, whichever aggregate raised them (the order's own, its payment's), go
 * through the same segment in store order: the topic shows them in the order they happened.
 * Axon's default (per aggregate) could relay a payment event after a later order event.
 */
class OrderSequencingPolicy implements SequencingPolicy<EventMessage<?>> {

    @Override
    public Object getSequenceIdentifierFor(EventMessage<?> event) {
        return IntegrationEventMapper.orderIdOf(event.getPayload())
                .map(Object.class::cast)
                .orElseGet(() -> event instanceof DomainEventMessage<?> domain
                        ? domain.getAggregateIdentifier()
                        : event.getIdentifier());
    }
}
