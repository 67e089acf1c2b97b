package org.orderplatform.webhooks.delivery;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * This node's claimed deliveries per endpoint (subscription): at most {@code concurrency} of them
 * are started at once, the others wait here, in claim order, for one of those to finish. Waiting
 * takes neither a worker nor a database write (held back in the table, a delivery would lose its
 * place and cost an update). How many an endpoint may have claimed here, its budget, follows how
 * fast it answers ({@link ClaimDepth}): about a second's worth of its attempts.
 */
final class EndpointLanes {

    private final int concurrency;
    private final Map<UUID, Lane> lanes = new HashMap<>();
    /** Kept when a lane empties: an endpoint's pace outlives its backlog. */
    private final Map<UUID, ClaimDepth> depths = new HashMap<>();

    EndpointLanes(int concurrency) {
        this.concurrency = concurrency;
    }

    /** The budget of an endpoint not attempted here yet. */
    int defaultBudget() {
        return ClaimDepth.LEAST * concurrency;
    }

    /** How many deliveries this endpoint may have claimed here. */
    synchronized int budget(UUID subscriptionId) {
        ClaimDepth depth = depths.get(subscriptionId);
        return depth == null ? defaultBudget() : depth.times() * concurrency;
    }

    /** Takes a claimed delivery in; true when it may start now, false when it waits its turn. */
    synchronized boolean admit(ClaimedDelivery delivery) {
        Lane lane = lanes.computeIfAbsent(delivery.subscriptionId(), id -> new Lane());
        if (lane.started < concurrency) {
            lane.started++;
            return true;
        }
        lane.waiting.add(delivery);
        return false;
    }

    /**
     * A started delivery of this endpoint is done, after {@code nanos}: the next one waiting
     * starts in its place.
     *
     * @return that next delivery (or null), and whether to claim for this endpoint again
     */
    synchronized Turn finished(UUID subscriptionId, long nanos) {
        Lane lane = lanes.get(subscriptionId);
        if (lane == null) {
            throw new IllegalStateException("No delivery of " + subscriptionId + " was started");
        }
        ClaimDepth depth = depths.computeIfAbsent(subscriptionId, id -> new ClaimDepth());
        depth.took(nanos);
        ClaimedDelivery next = lane.waiting.poll();
        if (next == null) {
            lane.started--;
        }
        int claimed = lane.claimed();
        if (claimed == 0) {
            lanes.remove(subscriptionId);
        }
        // half its budget free again: worth a claim for this endpoint
        return new Turn(next, claimed == depth.times() * concurrency / 2);
    }

    /** Deliveries claimed here per endpoint (started or waiting), for endpoints with any. */
    synchronized Map<UUID, Integer> claimed() {
        Map<UUID, Integer> claimed = new HashMap<>();
        lanes.forEach((id, lane) -> claimed.put(id, lane.claimed()));
        return claimed;
    }

    /** The delivery to start next on this endpoint (or null), and whether to claim for it again. */
    record Turn(ClaimedDelivery next, boolean claimAgain) {}

    private static final class Lane {
        private int started;
        private final ArrayDeque<ClaimedDelivery> waiting = new ArrayDeque<>();

        int claimed() {
            return started + waiting.size();
        }
    }
}
