package org.orderplatform.eventstore.processing;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.messaging.deadletter.EnqueuePolicy;

/**
 * A streaming processor that a feature module runs, as it declares it (a bean): its name (the
 * processing group), its kind, where a new one starts, and what it needs beyond the defaults. How
 * many segments, threads and events per batch it gets is decided here, in this module, by kind
 * ({@link ProcessingProperties}), so tuning happens, and is measured, in one place.
 *
 * @param name the processing group, and the processor's name in {@code token_entry}
 * @param kind decides its tuning
 * @param start where a processor without a token starts
 * @param deadLetters the policy of its dead-letter queue; null: no queue, a failure stops the segment
 * @param sequencing which events must be handled in order; null: Axon's default (per aggregate)
 * @param segments a fixed number of segments, whatever its kind's setting; null: its kind's
 */
public record StreamProcessor(
        String name,
        Kind kind,
        Start start,
        EnqueuePolicy<EventMessage<?>> deadLetters,
        SequencingPolicy<? super EventMessage<?>> sequencing,
        Integer segments) {

    public StreamProcessor {
        if (name == null || name.isBlank() || kind == null || start == null) {
            throw new IllegalArgumentException("A stream processor needs a name, a kind and a start");
        }
        if (segments != null && segments < 1) {
            throw new IllegalArgumentException(name + ": segments must be at least 1");
        }
    }

    /** A read model's projection, with its dead-letter queue. */
    public static StreamProcessor projection(String name, Start start, EnqueuePolicy<EventMessage<?>> deadLetters) {
        return new StreamProcessor(name, Kind.PROJECTION, start, deadLetters, null, null);
    }

    public static StreamProcessor saga(String name) {
        return new StreamProcessor(name, Kind.SAGA, Start.TAIL, null, null, null);
    }

    public static StreamProcessor relay(String name, SequencingPolicy<? super EventMessage<?>> sequencing) {
        return new StreamProcessor(name, Kind.RELAY, Start.TAIL, null, sequencing, null);
    }

    /** The same processor with a fixed number of segments. */
    public StreamProcessor withSegments(int count) {
        return new StreamProcessor(name, kind, start, deadLetters, sequencing, count);
    }

    public enum Kind {
        /** Fills a read model; may be replayed. */
        PROJECTION,
        /** Runs sagas: sends commands in its transaction. */
        SAGA,
        /** Carries events out of the store (to Kafka). */
        RELAY
    }

    public enum Start {
        /** The first event in the store: the processor sees all history. */
        TAIL,
        /** The head: only events from now on. */
        HEAD
    }
}
