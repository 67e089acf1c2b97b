package org.orderplatform.web.throttling;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param enabled whether requests are throttled at all
 * @param plans limits by plan: {@code anonymous} (per client address) and {@code admin} (the
 *     admin key); each a number of requests per period, refilled continuously
 */
@ConfigurationProperties("orders.throttling")
public record ThrottlingProperties(@DefaultValue("true") boolean enabled, Map<String, Plan> plans) {

    public ThrottlingProperties {
        plans = plans == null ? Map.of() : Map.copyOf(plans);
    }

    Plan plan(String name) {
        Plan plan = plans.get(name);
        if (plan == null) {
            throw new IllegalStateException("No throttling plan " + name + " (orders.throttling.plans." + name + ")");
        }
        return plan;
    }

    /** {@code limit} requests per {@code period}. */
    public record Plan(long limit, Duration period) {}
}
