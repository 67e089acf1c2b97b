package org.orderplatform.query.admin;

import java.util.List;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.orderplatform.eventstore.deadletter.DeadLetterEntries;
import org.orderplatform.eventstore.deadletter.DeadLetterEntry;
import org.orderplatform.query.projection.ReadModel;
import org.orderplatform.web.cursor.Cursors;
import org.orderplatform.web.problem.ProblemException;
import org.orderplatform.web.problem.StandardProblem;
import org.springframework.stereotype.Component;

/**
 * A projection's dead letters ({@code dead_letter_entry}): listed page by page, oldest first, and
 * retried through Axon's dead-letter processor (a letter that fails again stays, with its new cause).
 */
@Component
class DeadLetters {

    /** Upper bound of sequences one retry request works through. */
    static final int MAX_RETRIED_PER_REQUEST = 1000;

    private final DeadLetterEntries entries;
    private final EventProcessingConfiguration processing;
    private final Cursors cursors;

    DeadLetters(DeadLetterEntries entries, EventProcessingConfiguration processing, Cursors cursors) {
        this.entries = entries;
        this.cursors = cursors;
        this.processing = processing;
    }

    long count(ReadModel model) {
        return entries.count(model.processingGroup());
    }

    DeadLetterPage page(ReadModel model, int limit, String cursor) {
        DeadLetterEntries.After after = null;
        if (cursor != null) {
            String[] key = decode(cursor);
            after = new DeadLetterEntries.After(key[0], key[1]);
        }
        List<DeadLetterPage.Letter> letters = entries.page(model.processingGroup(), after, limit + 1).stream()
                .map(DeadLetters::letter)
                .toList();
        if (letters.size() <= limit) {
            return new DeadLetterPage(letters, null);
        }
        List<DeadLetterPage.Letter> page = letters.subList(0, limit);
        DeadLetterPage.Letter last = page.get(limit - 1);
        return new DeadLetterPage(page, encode(last.enqueuedAt(), last.id()));
    }

    private static DeadLetterPage.Letter letter(DeadLetterEntry entry) {
        return new DeadLetterPage.Letter(
                entry.id(),
                entry.sequenceIdentifier(),
                entry.sequenceIndex(),
                entry.eventIdentifier(),
                entry.payloadType(),
                entry.aggregateIdentifier(),
                entry.sequenceNumber(),
                entry.causeType(),
                entry.causeMessage(),
                entry.enqueuedAt(),
                entry.lastTouched());
    }

    /** Retries dead-lettered sequences until none is left or one fails again; answers how many succeeded. */
    int retry(ReadModel model) {
        SequencedDeadLetterProcessor<EventMessage<?>> processor = processing
                .sequencedDeadLetterProcessor(model.processingGroup())
                .orElseThrow(() -> new IllegalStateException("No dead-letter queue for " + model.processingGroup()));
        int processed = 0;
        while (processed < MAX_RETRIED_PER_REQUEST && processor.processAny()) {
            processed++;
        }
        return processed;
    }

    private String encode(String enqueuedAt, String id) {
        return cursors.seal(enqueuedAt + "\n" + id);
    }

    /** The (signed) cursor's key; a cursor this server did not make is refused. */
    private String[] decode(String cursor) {
        String[] key =
                cursors.open(cursor).map(position -> position.split("\n", 2)).orElse(null);
        if (key == null || key.length != 2) {
            throw new ProblemException(StandardProblem.INVALID_QUERY, "cursor is not a cursor from this API");
        }
        return key;
    }
}
