package org.orderplatform.cluster;

import java.time.Instant;

/**
 * One member as this node sees it.
 *
 * @param gossipAddress where it gossips ({@code host:port})
 * @param state {@code alive}, {@code leaving} (said goodbye) or {@code dead} (removed: gone
 *     without a word and confirmed by the failure detector, or left)
 * @param since when it entered that state
 * @param metadata what it announced (all unknown, not ready, until its metadata arrived)
 * @param lastHeard when this node last had news of it (a membership event or its heartbeat)
 */
public record MemberView(
        String id, String gossipAddress, State state, NodeMetadata metadata, Instant since, Instant lastHeard) {

    public enum State {
        ALIVE,
        LEAVING,
        DEAD
    }
}
