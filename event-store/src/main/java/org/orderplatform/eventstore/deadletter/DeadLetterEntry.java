package org.orderplatform.eventstore.deadletter;

/** One parked event: which sequence (aggregate) it blocks, what it was, and why it failed. */
public record DeadLetterEntry(
        String id,
        String sequenceIdentifier,
        long sequenceIndex,
        String eventIdentifier,
        String payloadType,
        String aggregateIdentifier,
        Long sequenceNumber,
        String causeType,
        String causeMessage,
        String enqueuedAt,
        String lastTouched) {}
