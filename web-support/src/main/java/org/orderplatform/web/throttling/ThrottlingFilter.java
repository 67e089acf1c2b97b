package org.orderplatform.web.throttling;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.orderplatform.web.problem.ProblemResponseWriter;
import org.orderplatform.web.problem.ProblemType;
import org.orderplatform.web.problem.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Takes one token from the client's bucket for each request to {@code /api/} or {@code /admin/};
 * health, API docs and the sandboxes are not throttled. If the bucket store cannot be reached
 * the request goes through (logged): throttling protects the service, it must not take it down.
 */
class ThrottlingFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ThrottlingFilter.class);

    private final ProxyManager<String> buckets;
    private final ThrottlingProperties properties;
    private final ProblemResponseWriter problems;
    private final MeterRegistry meters;

    ThrottlingFilter(
            ProxyManager<String> buckets,
            ThrottlingProperties properties,
            ProblemResponseWriter problems,
            MeterRegistry meters) {
        this.buckets = buckets;
        this.properties = properties;
        this.problems = problems;
        this.meters = meters;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !(path.startsWith("/api/") || path.startsWith("/admin/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Client client = Client.of(request);
        ThrottlingProperties.Plan plan = properties.plan(client.plan());
        ConsumptionProbe probe;
        try {
            probe = buckets.getProxy(client.key(), () -> configuration(plan)).tryConsumeAndReturnRemaining(1);
        } catch (RuntimeException e) {
            log.warn("Throttling skipped: the bucket store is not reachable ({})", e.getMessage());
            chain.doFilter(request, response);
            return;
        }
        long window = plan.period().toSeconds();
        response.setHeader("RateLimit-Policy", "\"" + client.plan() + "\";q=" + plan.limit() + ";w=" + window);
        response.setHeader(
                "RateLimit",
                "\"" + client.plan() + "\";r=" + probe.getRemainingTokens() + ";t="
                        + seconds(probe.getNanosToWaitForReset()));
        if (probe.isConsumed()) {
            chain.doFilter(request, response);
            return;
        }
        meters.counter("orders.throttling.rejected", "plan", client.plan()).increment();
        long retryAfter = Math.max(1, seconds(probe.getNanosToWaitForRefill()));
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
        problems.write(
                request,
                response,
                Problems.detail(
                        ProblemType.TOO_MANY_REQUESTS,
                        "The " + client.plan() + " limit is " + plan.limit() + " requests per " + window
                                + " s; retry in " + retryAfter + " s"));
    }

    private static BucketConfiguration configuration(ThrottlingProperties.Plan plan) {
        return BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(plan.limit()).refillGreedy(plan.limit(), plan.period()))
                .build();
    }

    private static long seconds(long nanos) {
        return (nanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1);
    }

    /** Whose bucket a request takes from, and under which plan. */
    record Client(String key, String plan) {

        static Client of(HttpServletRequest request) {
            String path =
                    request.getRequestURI().substring(request.getContextPath().length());
            // admin requests got here only with the right key (authentication runs first)
            if (path.startsWith("/admin/")) {
                return new Client("admin", "admin");
            }
            return new Client("address:" + request.getRemoteAddr(), "anonymous");
        }
    }
}
