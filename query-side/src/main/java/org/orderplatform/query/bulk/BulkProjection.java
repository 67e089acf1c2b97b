package org.orderplatform.query.bulk;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.orderplatform.eventstore.deadletter.DeadLetterEntries;
import org.orderplatform.eventstore.positions.ProcessorClaims;
import org.orderplatform.eventstore.positions.ProcessorTokens;
import org.orderplatform.eventstore.positions.TokenPositions;
import org.orderplatform.query.bulk.BulkOutcome.Ending;
import org.orderplatform.query.projection.BulkProjector;
import org.orderplatform.query.projection.ProjectedEvent;
import org.orderplatform.query.projection.ReadModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fills a read model's slot from the whole event store, chunk by chunk, at the speed of the
 * database. Events are read through Axon's storage engine (its upcasters, serializer and
 * gap-aware tokens: the token after each event is the one the processor would hold), and only
 * events the read model handles are deserialized.
 *
 * <ol>
 *   <li>One transaction empties the slot, forgets the processor's dead letters and sets its tokens
 *       to the start (as replay tokens for a replay, so the admin API shows it replaying).
 *   <li>Each chunk is folded by the read model's {@link BulkProjector} and committed in one
 *       transaction together with the processor's tokens at the chunk's last event. A node that
 *       dies mid-run leaves a consistent slot and tokens: its processor goes on from there.
 *   <li>Before writing, each chunk transaction locks all the processor's token rows and refuses if
 *       some node claimed one meanwhile (its processor would be writing the same slot); a claim
 *       attempted during the transaction waits for it, and the next chunk refuses.
 *   <li>A chunk that fails is rolled back and the run ends: the processor takes over from the
 *       previous chunk, event by event, and parks a poison event in the dead-letter queue.
 * </ol>
 *
 * The caller starts the processor after the run, whatever its outcome.
 */
@Component
public class BulkProjection {

    private static final Logger log = LoggerFactory.getLogger(BulkProjection.class);

    private final EventStorageEngine events;
    private final ProcessorTokens tokens;
    private final ProcessorClaims claims;
    private final DeadLetterEntries deadLetters;
    private final TransactionTemplate transactions;
    private final DataSource dataSource;
    private final Map<ReadModel, BulkProjector> projectors = new ConcurrentHashMap<>();
    private final int chunkSize;

    public BulkProjection(
            EventStorageEngine events,
            ProcessorTokens tokens,
            ProcessorClaims claims,
            DeadLetterEntries deadLetters,
            PlatformTransactionManager transactions,
            DataSource dataSource,
            List<BulkProjector> projectors,
            BulkProperties properties) {
        this.events = events;
        this.tokens = tokens;
        this.claims = claims;
        this.deadLetters = deadLetters;
        this.transactions = new TransactionTemplate(transactions);
        this.dataSource = dataSource;
        projectors.forEach(projector -> this.projectors.put(projector.readModel(), projector));
        this.chunkSize = properties.chunkSize();
    }

    /** Runs to the end of what the store holds, or until a chunk fails; never throws. */
    public BulkOutcome run(BulkRun run) {
        BulkProjector projector = projectors.get(run.model);
        if (projector == null) {
            return new BulkOutcome(
                    Ending.NOT_STARTED, null, 0, new IllegalStateException("No bulk projector for " + run.model));
        }
        long started = System.nanoTime();
        TrackingToken start;
        try {
            start = startToken();
            TrackingToken head = events.createHeadToken();
            run.started(TokenPositions.position(head), head);
            TrackingToken first = start;
            transactions.executeWithoutResult(status -> {
                requireNoOwner(run);
                truncate(run);
                deadLetters.deleteAll(run.processorName);
                tokens.setAll(run.processorName, run.segments, wrap(run, first));
            });
        } catch (RuntimeException e) {
            log.warn("Bulk {} of {} did not start", kind(run), run.processorName, e);
            return new BulkOutcome(e instanceof OwnedElsewhere ? Ending.REFUSED : Ending.NOT_STARTED, null, 0, e);
        }
        run.committed(TokenPositions.position(start), 0);
        log.info(
                "Bulk {} of {} into slot {} started, up to position {} (and on while events come)",
                kind(run),
                run.processorName,
                run.slot.code(),
                run.target());
        BulkOutcome outcome = chunks(run, projector, start);
        double seconds = (System.nanoTime() - started) / 1e9;
        if (outcome.completed()) {
            log.info(
                    "Bulk {} of {} done: {} events in {} s ({} events/s)",
                    kind(run),
                    run.processorName,
                    outcome.events(),
                    String.format("%.1f", seconds),
                    Math.round(outcome.events() / Math.max(seconds, 1e-3)));
        } else {
            log.warn(
                    "Bulk {} of {} ended ({}) after {} events; its processor goes on from position {}",
                    kind(run),
                    run.processorName,
                    outcome.ending(),
                    outcome.events(),
                    TokenPositions.position(outcome.token()),
                    outcome.cause());
        }
        return outcome;
    }

    /**
     * Reading and writing overlap: a reader thread fetches and deserializes the next chunk while
     * this thread writes and commits the current one (on two cores, the JVM's half of the work
     * and PostgreSQL's run side by side). At most two chunks wait in memory.
     */
    private BulkOutcome chunks(BulkRun run, BulkProjector projector, TrackingToken start) {
        BlockingQueue<Chunk> ready = new ArrayBlockingQueue<>(1);
        AtomicBoolean finished = new AtomicBoolean();
        Thread reader = new Thread(() -> read(run, start, ready, finished), "bulk-read-" + run.processorName);
        reader.setDaemon(true);
        reader.start();
        TrackingToken last = start;
        long read = 0;
        try {
            while (true) {
                if (run.stopRequested()) {
                    return new BulkOutcome(Ending.STOPPED, last, read, null);
                }
                Chunk chunk = ready.take();
                if (chunk.failure() != null) {
                    return new BulkOutcome(Ending.HANDED_OVER, last, read, chunk.failure());
                }
                if (chunk.read() == 0) {
                    return new BulkOutcome(Ending.COMPLETED, last, read, null);
                }
                try {
                    transactions.executeWithoutResult(status -> {
                        requireNoOwner(run);
                        project(projector, chunk.events(), run);
                        tokens.setAll(run.processorName, run.segments, wrap(run, chunk.end()));
                    });
                } catch (OwnedElsewhere e) {
                    return new BulkOutcome(Ending.REFUSED, last, read, e);
                } catch (RuntimeException e) {
                    return new BulkOutcome(Ending.HANDED_OVER, last, read, e);
                }
                last = chunk.end();
                read += chunk.read();
                run.committed(TokenPositions.position(last), read);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new BulkOutcome(Ending.STOPPED, last, read, e);
        } finally {
            finished.set(true);
            reader.interrupt();
        }
    }

    /** The reader: chunk after chunk until the end of the store (an empty chunk), a failure, or the writer stops. */
    private void read(BulkRun run, TrackingToken start, BlockingQueue<Chunk> ready, AtomicBoolean finished) {
        List<Class<?>> handled = run.model.handledEvents();
        Chunk chunk;
        try (Stream<? extends TrackedEventMessage<?>> stream = events.readEvents(start, false)) {
            Iterator<? extends TrackedEventMessage<?>> messages = stream.iterator();
            TrackingToken end = start;
            do {
                List<ProjectedEvent> events = new ArrayList<>();
                int inChunk = 0;
                while (inChunk < chunkSize && messages.hasNext() && !finished.get()) {
                    TrackedEventMessage<?> message = messages.next();
                    inChunk++;
                    end = message.trackingToken();
                    // the payload is deserialized only for events the read model handles
                    if (handles(handled, message.getPayloadType())) {
                        events.add(ProjectedEvent.of(message));
                    }
                }
                chunk = new Chunk(events, end, inChunk, null);
            } while (hand(ready, chunk, finished) && chunk.read() > 0);
        } catch (RuntimeException e) {
            hand(ready, new Chunk(List.of(), null, 0, e), finished);
        }
    }

    private static boolean hand(BlockingQueue<Chunk> ready, Chunk chunk, AtomicBoolean finished) {
        try {
            while (!finished.get()) {
                if (ready.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    /** A chunk read: the events to project, the token after its last event, how many events it covers. */
    private record Chunk(List<ProjectedEvent> events, TrackingToken end, int read, RuntimeException failure) {}

    private void project(BulkProjector projector, List<ProjectedEvent> chunk, BulkRun run) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            projector.project(chunk, run.slot, connection);
        } catch (SQLException e) {
            throw new BulkWriteFailed(e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    private void truncate(BulkRun run) {
        String tables = run.model.tables().stream().map(run.slot::table).collect(Collectors.joining(", "));
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try (Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE " + tables);
        } catch (SQLException e) {
            throw new BulkWriteFailed(e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /**
     * In the caller's transaction: locks the processor's token rows (a node claiming a segment
     * meanwhile waits until the chunk is committed) and refuses if some node claimed one already.
     */
    private void requireNoOwner(BulkRun run) {
        List<String> owners = claims.lockAll(run.processorName);
        if (!owners.isEmpty()) {
            throw new OwnedElsewhere(run.processorName, owners);
        }
    }

    /** Where a replay starts: the store's tail, as Axon's reset takes it (before the first event when empty). */
    private TrackingToken startToken() {
        TrackingToken tail = events.createTailToken();
        return tail != null ? tail : GapAwareTrackingToken.newInstance(0, Collections.emptySortedSet());
    }

    private static TrackingToken wrap(BulkRun run, TrackingToken token) {
        return run.replay ? ReplayToken.createReplayToken(run.tokenAtReset(), token) : token;
    }

    private static boolean handles(List<Class<?>> handled, Class<?> payloadType) {
        for (Class<?> type : handled) {
            if (type.isAssignableFrom(payloadType)) {
                return true;
            }
        }
        return false;
    }

    private static String kind(BulkRun run) {
        return run.replay ? "replay" : "build";
    }

    /** Another node claimed a segment of the processor while the run was writing its slot. */
    static final class OwnedElsewhere extends RuntimeException {
        OwnedElsewhere(String processor, List<String> owners) {
            super("other nodes claimed segments of " + processor + ": " + owners);
        }
    }

    static final class BulkWriteFailed extends RuntimeException {
        BulkWriteFailed(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
