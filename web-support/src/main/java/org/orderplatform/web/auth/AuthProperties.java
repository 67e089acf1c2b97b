package org.orderplatform.web.auth;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param generateAdminKey with no {@code ORDERS_ADMIN_API_KEY} and no admin key in the database,
 *     make one and log it once (the local profile)
 * @param keyCacheTtl how long a node trusts a key it found active without asking the database
 *     again: a key revoked through another node is refused here within this time (at once on the
 *     node that revoked it). Zero: every request asks the database
 * @param keyCacheSize keys remembered per node
 * @param unknownKeyCacheTtl how long a node remembers that a key was unknown or revoked, so that a
 *     client repeating a wrong key costs one lookup per this time rather than one per request;
 *     short, because a key stored by another node (a new bootstrap key) must be accepted soon
 * @param unknownKeyCacheSize unknown keys remembered per node, apart from the known ones: a flood
 *     of wrong keys only pushes out other wrong keys
 */
@ConfigurationProperties("orders.auth")
public record AuthProperties(
        @DefaultValue("false") boolean generateAdminKey,
        @DefaultValue("5s") Duration keyCacheTtl,
        @DefaultValue("10000") long keyCacheSize,
        @DefaultValue("1s") Duration unknownKeyCacheTtl,
        @DefaultValue("1000") long unknownKeyCacheSize) {

    public AuthProperties {
        if (keyCacheTtl.isNegative() || unknownKeyCacheTtl.isNegative()) {
            throw new IllegalArgumentException("orders.auth key cache times must not be negative");
        }
        if (keyCacheSize < 0 || unknownKeyCacheSize < 0) {
            throw new IllegalArgumentException("orders.auth key cache sizes must not be negative");
        }
    }
}
