package org.orderplatform.webhooks.subscriptions;

import java.time.Instant;

/**
 * The answer to a rotation: the new secret (shown this once) and until when the previous one
 * still signs (deliveries carry both signatures meanwhile).
 */
public record RotatedSecret(String secret, Instant previousSecretExpiresAt) {}
