package org.orderplatform.webhooks.delivery;

import java.util.UUID;
import org.orderplatform.cluster.Membership;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Endpoint breakers shared by gossip: when one node's breaker for an endpoint opens on the
 * failures it saw, every other node opens its own at once, instead of each of N dispatcher nodes
 * finding out with failures of its own (N times the attempts at a failing endpoint). Each node
 * then half-opens on its own schedule, and a breaker that closes again stays a local matter: the
 * next failure burst opens it, and says so again.
 */
final class BreakerGossip {

    static final String TOPIC = "webhook-breaker-open";
    private static final Logger log = LoggerFactory.getLogger(BreakerGossip.class);

    private BreakerGossip() {}

    static void connect(EndpointGuards guards, Membership membership) {
        guards.onOpenedHere(subscriptionId -> membership.spread(TOPIC, subscriptionId.toString()));
        membership.onGossip((topic, payload) -> {
            if (!TOPIC.equals(topic)) {
                return;
            }
            UUID subscriptionId;
            try {
                subscriptionId = UUID.fromString(payload);
            } catch (IllegalArgumentException | NullPointerException notAnId) {
                log.warn("Ignored breaker gossip that names no subscription: {}", payload);
                return;
            }
            log.info(
                    "Endpoint breaker of subscription {} opened on another node: holding back here too",
                    subscriptionId);
            guards.openForPeer(subscriptionId);
        });
    }
}
