package org.orderplatform.webhooks.subscriptions;

/**
 * ACTIVE: receives and is sent to. PAUSED (by its owner): receives, but its deliveries wait until
 * resumed. DISABLED (by the platform: {@code 410 Gone}, or failing for too long): receives nothing
 * new; its waiting deliveries are sent once it is resumed.
 */
public enum SubscriptionStatus {
    ACTIVE,
    PAUSED,
    DISABLED
}
