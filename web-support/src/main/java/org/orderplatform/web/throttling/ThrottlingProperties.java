package org.orderplatform.web.throttling;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param enabled whether requests are throttled at all
 * @param plans limits by plan: {@code anonymous} (per client address) and {@code admin} (the
 *     admin key); each a number of requests per period, refilled continuously
 * @param maxUnsynchronizedShare share of a plan's limit that one node may grant a client from its
 *     local copy of the client's bucket before it writes them to the shared row (rounded down:
 *     limits below {@code 1 / share} are never granted locally). 0: every request reads and
 *     writes the row
 * @param maxUnsynchronizedTime the longest a node grants from its local copy without writing
 * @param bucketCacheSize clients (keys and addresses) whose bucket a node keeps at hand
 * @param bucketCacheIdle a client's bucket is dropped from the node after this long without a
 *     request (what it granted locally is written first)
 */
@ConfigurationProperties("orders.throttling")
public record ThrottlingProperties(
        @DefaultValue("true") boolean enabled,
        Map<String, Plan> plans,
        @DefaultValue("0.02") double maxUnsynchronizedShare,
        @DefaultValue("1s") Duration maxUnsynchronizedTime,
        @DefaultValue("10000") long bucketCacheSize,
        @DefaultValue("10m") Duration bucketCacheIdle) {

    public ThrottlingProperties {
        plans = plans == null ? Map.of() : Map.copyOf(plans);
        if (maxUnsynchronizedShare < 0 || maxUnsynchronizedShare >= 1) {
            throw new IllegalArgumentException("orders.throttling.max-unsynchronized-share must be in [0, 1)");
        }
        if (maxUnsynchronizedTime.isNegative() || maxUnsynchronizedTime.isZero()) {
            throw new IllegalArgumentException("orders.throttling.max-unsynchronized-time must be positive");
        }
    }

    Plan plan(String name) {
        Plan plan = plans.get(name);
        if (plan == null) {
            throw new IllegalStateException("No throttling plan " + name + " (orders.throttling.plans." + name + ")");
        }
        return plan;
    }

    /** Tokens of this plan one node may grant without writing them to the shared row. */
    long maxUnsynchronizedTokens(Plan plan) {
        return (long) Math.floor(plan.limit() * maxUnsynchronizedShare);
    }

    /** {@code limit} requests per {@code period}. */
    public record Plan(long limit, Duration period) {}
}
