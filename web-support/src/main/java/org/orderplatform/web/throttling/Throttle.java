package org.orderplatform.web.throttling;

import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.orderplatform.web.problem.ProblemResponseWriter;
import org.orderplatform.web.problem.Problems;
import org.orderplatform.web.problem.StandardProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;

/**
 * Takes a token from a client's bucket (kept in PostgreSQL: shared by every node; most tokens are
 * granted from this node's copy, see {@link ClientBuckets}), writes the
 * {@code RateLimit-Policy} and {@code RateLimit} headers, and answers 429 with {@code Retry-After}
 * when the bucket is empty. If the bucket store cannot be reached the request goes through
 * (logged): throttling protects the service, it must not take it down.
 */
public class Throttle {

    /** The plan of calls without a valid key, counted per client address. */
    public static final String ANONYMOUS = "anonymous";

    private static final Logger log = LoggerFactory.getLogger(Throttle.class);

    private final ClientBuckets buckets;
    private final ThrottlingProperties properties;
    private final ProblemResponseWriter problems;
    private final MeterRegistry meters;

    Throttle(
            ClientBuckets buckets,
            ThrottlingProperties properties,
            ProblemResponseWriter problems,
            MeterRegistry meters) {
        this.buckets = buckets;
        this.properties = properties;
        this.problems = problems;
        this.meters = meters;
    }

    /** True when the request may go on; false when a 429 was written. */
    public boolean allow(String client, String planName, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        ThrottlingProperties.Plan plan = properties.plan(planName);
        ConsumptionProbe probe;
        try {
            probe = buckets.tryConsume(client, planName);
        } catch (RuntimeException e) {
            log.warn("Throttling skipped: the bucket store is not reachable ({})", e.getMessage());
            return true;
        }
        long window = plan.period().toSeconds();
        response.setHeader("RateLimit-Policy", "\"" + planName + "\";q=" + plan.limit() + ";w=" + window);
        if (probe.isConsumed()) {
            // t: until the bucket is full again, the quota's reset
            response.setHeader(
                    "RateLimit",
                    "\"" + planName + "\";r=" + probe.getRemainingTokens() + ";t="
                            + seconds(probe.getNanosToWaitForReset()));
            return true;
        }
        meters.counter("orders.throttling.rejected", "plan", planName).increment();
        // refused: the bucket refills continuously, so the next request is possible once one token
        // is back; both headers say so (the time to a full bucket would tell the client to wait
        // for the whole window)
        long retryAfter = Math.max(1, seconds(probe.getNanosToWaitForRefill()));
        response.setHeader("RateLimit", "\"" + planName + "\";r=0;t=" + retryAfter);
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
        problems.write(
                request,
                response,
                Problems.detail(
                        StandardProblem.TOO_MANY_REQUESTS,
                        "The " + planName + " limit is " + plan.limit() + " requests per " + window + " s; retry in "
                                + retryAfter + " s"));
        return false;
    }

    /** The anonymous plan, for a caller without a valid key: by its address. */
    public boolean allowAnonymous(HttpServletRequest request, HttpServletResponse response) throws IOException {
        return allow("address:" + request.getRemoteAddr(), ANONYMOUS, request, response);
    }

    private static long seconds(long nanos) {
        return (nanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1);
    }
}
