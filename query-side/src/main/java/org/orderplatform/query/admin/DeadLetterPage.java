package org.orderplatform.query.admin;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** A page of dead letters; {@code nextCursor} is null on the last page. */
public record DeadLetterPage(
        List<Letter> items, @Schema(nullable = true) String nextCursor) {

    /** One parked event: which sequence (order) it blocks, what it was, and why it failed. */
    public record Letter(
            String id,
            String sequenceIdentifier,
            long sequenceIndex,
            String eventIdentifier,
            String payloadType,
            @Schema(nullable = true) String aggregateIdentifier,
            @Schema(nullable = true) Long sequenceNumber,
            @Schema(nullable = true) String causeType,
            @Schema(nullable = true) String causeMessage,
            String enqueuedAt,
            String lastTouched) {}
}
