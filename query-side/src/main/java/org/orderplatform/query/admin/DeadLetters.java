package org.orderplatform.query.admin;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.orderplatform.query.projection.ReadModel;
import org.orderplatform.web.problem.ProblemException;
import org.orderplatform.web.problem.ProblemType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A projection's dead letters ({@code dead_letter_entry}): listed page by page, oldest first, and
 * retried through Axon's dead-letter processor (a letter that fails again stays, with its new cause).
 */
@Component
class DeadLetters {

    /** Upper bound of sequences one retry request works through. */
    static final int MAX_RETRIED_PER_REQUEST = 1000;

    private final JdbcTemplate jdbc;
    private final EventProcessingConfiguration processing;

    DeadLetters(JdbcTemplate jdbc, EventProcessingConfiguration processing) {
        this.jdbc = jdbc;
        this.processing = processing;
    }

    long count(ReadModel model) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM dead_letter_entry WHERE processing_group = ?",
                Long.class,
                model.processingGroup());
    }

    DeadLetterPage page(ReadModel model, int limit, String cursor) {
        List<Object> args = new ArrayList<>(List.of(model.processingGroup()));
        String after = "";
        if (cursor != null) {
            String[] key = decode(cursor);
            after = " AND (enqueued_at, dead_letter_id) > (?, ?)";
            args.add(key[0]);
            args.add(key[1]);
        }
        args.add(limit + 1);
        List<DeadLetterPage.Letter> letters = jdbc.query(
                "SELECT dead_letter_id, sequence_identifier, sequence_index, event_identifier, payload_type,"
                        + " aggregate_identifier, sequence_number, cause_type, cause_message, enqueued_at, last_touched"
                        + " FROM dead_letter_entry WHERE processing_group = ?" + after
                        + " ORDER BY enqueued_at, dead_letter_id LIMIT ?",
                (rs, row) -> new DeadLetterPage.Letter(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getLong(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        (Long) rs.getObject(7),
                        rs.getString(8),
                        rs.getString(9),
                        rs.getString(10),
                        rs.getString(11)),
                args.toArray());
        if (letters.size() <= limit) {
            return new DeadLetterPage(letters, null);
        }
        List<DeadLetterPage.Letter> page = letters.subList(0, limit);
        DeadLetterPage.Letter last = page.get(limit - 1);
        return new DeadLetterPage(page, encode(last.enqueuedAt(), last.id()));
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

    private static String encode(String enqueuedAt, String id) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((enqueuedAt + "\n" + id).getBytes(StandardCharsets.UTF_8));
    }

    private static String[] decode(String cursor) {
        try {
            String[] key = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\n", 2);
            if (key.length == 2) {
                return key;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new ProblemException(ProblemType.INVALID_QUERY, "cursor is not a cursor from this API");
    }
}
