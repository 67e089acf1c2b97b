package org.orderplatform.query.bulk;

import org.axonframework.eventhandling.TrackingToken;
import org.orderplatform.query.projection.ReadModel;
import org.orderplatform.query.slot.Slot;

/**
 * One bulk run: which read model it fills, into which slot, under which processor's tokens, and
 * how far it got (read by the status endpoint while the run moves on).
 */
public final class BulkRun {

    final ReadModel model;
    final Slot slot;
    final String processorName;
    final int segments;
    final boolean replay;
    private volatile long position;
    private volatile long target;
    private volatile long events;
    private volatile boolean stopRequested;
    private volatile TrackingToken tokenAtReset;

    /**
     * @param processorName the processor whose tokens each chunk moves (the live one for a replay,
     *     {@code <name>@rebuild} for a rebuild)
     * @param segments how many segments to create if the processor has no tokens yet
     * @param replay a replay of the processor: its tokens are written as replay tokens towards
     *     the head at the start, as Axon's own reset would (the admin API shows it replaying);
     *     otherwise (a rebuild's processor) plain tokens
     */
    public BulkRun(ReadModel model, Slot slot, String processorName, int segments, boolean replay) {
        this.model = model;
        this.slot = slot;
        this.processorName = processorName;
        this.segments = segments;
        this.replay = replay;
    }

    public ReadModel model() {
        return model;
    }

    public Slot slot() {
        return slot;
    }

    public String processorName() {
        return processorName;
    }

    /** The position of the last committed chunk. */
    public long position() {
        return position;
    }

    /** The head of the store when the run started (it reads on past it while events keep coming). */
    public long target() {
        return target;
    }

    /** Events read so far. */
    public long events() {
        return events;
    }

    /** Asks the run to stop after its current chunk (shutdown); the tokens say where it stood. */
    public void stop() {
        stopRequested = true;
    }

    boolean stopRequested() {
        return stopRequested;
    }

    void started(long target, TrackingToken head) {
        this.target = target;
        this.tokenAtReset = head;
    }

    /** For a replay: the head when it started (null for an empty store: nothing to replay towards). */
    TrackingToken tokenAtReset() {
        return tokenAtReset;
    }

    void committed(long position, long events) {
        this.position = position;
        this.events = events;
    }
}
