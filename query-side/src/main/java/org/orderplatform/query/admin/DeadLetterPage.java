package org.orderplatform.query.admin;

import java.util.List;

/** A page of dead letters; {@code nextCursor} is null on the last page. */
public record DeadLetterPage(List<Letter> items, String nextCursor) {

    /** One parked event: which sequence (order) it blocks, what it was, and why it failed. */
    public record Letter(
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
}
