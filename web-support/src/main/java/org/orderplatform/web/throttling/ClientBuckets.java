package org.orderplatform.web.throttling;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.proxy.BucketNotFoundException;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.RemoteBucketBuilder;
import io.github.bucket4j.distributed.proxy.optimization.DelayParameters;
import io.github.bucket4j.distributed.proxy.optimization.NopeOptimizationListener;
import io.github.bucket4j.distributed.proxy.optimization.delay.DelayOptimization;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bucket of each client (API key or address) on this node: one Bucket4j proxy per client and
 * plan, kept while the client calls. Built anew for every request, a proxy would read and write
 * the bucket's row each time; kept, it can use Bucket4j's delaying optimisation: it holds a copy
 * of the row, grants up to {@code T} tokens ({@link ThrottlingProperties#maxUnsynchronizedTokens})
 * from that copy, and writes them to the row with the next request that goes over {@code T}, or
 * that comes later than {@code maxUnsynchronizedTime} after its last write. The row stays the one
 * truth every node shares; docs/middleware.md states how far the limit can be exceeded.
 */
final class ClientBuckets implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClientBuckets.class);

    private final ProxyManager<String> rows;
    private final ThrottlingProperties properties;
    private final TimeMeter clock;
    private final Executor flushes;
    private final Cache<Held, BucketProxy> proxies;

    ClientBuckets(ProxyManager<String> rows, ThrottlingProperties properties, TimeMeter clock, Executor flushes) {
        this.rows = rows;
        this.properties = properties;
        this.clock = clock;
        this.flushes = flushes;
        this.proxies = Caffeine.newBuilder()
                .maximumSize(properties.bucketCacheSize())
                .expireAfterAccess(properties.bucketCacheIdle())
                // upkeep on the calling thread (cheap: the listener only queues the flush); the
                // common pool has one thread on a two-core machine
                .executor(Runnable::run)
                .removalListener(this::flushLater)
                .build();
    }

    /** With its own single flushing thread, which drops flushes beyond a thousand waiting. */
    ClientBuckets(ProxyManager<String> rows, ThrottlingProperties properties) {
        this(rows, properties, TimeMeter.SYSTEM_MILLISECONDS, flushingThread());
    }

    /** The client's bucket under this plan. Building one costs no round trip. */
    BucketProxy of(String client, String planName) {
        return proxies.get(new Held(client, planName), this::build);
    }

    /** Takes a token from the client's bucket. */
    ConsumptionProbe tryConsume(String client, String planName) {
        try {
            return of(client, planName).tryConsumeAndReturnRemaining(1);
        } catch (RuntimeException e) {
            if (!bucketNotFound(e)) {
                throw e;
            }
            // Bucket4j 8.14: concurrent first calls that the optimisation merges into one command
            // fail so when the row does not exist yet (the merged not-found answer is unwrapped as
            // an error, not retried with the row's creation as a single call's is); a proxy
            // without the optimisation creates the row and takes this call's token there
            return build(new Held(client, planName), false).tryConsumeAndReturnRemaining(1);
        }
    }

    private static boolean bucketNotFound(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BucketNotFoundException) {
                return true;
            }
        }
        return false;
    }

    private BucketProxy build(Held held) {
        return build(held, true);
    }

    private BucketProxy build(Held held, boolean optimised) {
        ThrottlingProperties.Plan plan = properties.plan(held.plan());
        RemoteBucketBuilder<String> builder = rows.builder()
                // a changed plan replaces the stored configuration (keeping the share of tokens left)
                .withImplicitConfigurationReplacement(version(plan), TokensInheritanceStrategy.PROPORTIONALLY);
        long tokens = properties.maxUnsynchronizedTokens(plan);
        if (optimised && tokens > 0) {
            builder = builder.withOptimization(new DelayOptimization(
                    new DelayParameters(tokens, properties.maxUnsynchronizedTime()),
                    NopeOptimizationListener.INSTANCE,
                    clock));
        }
        return builder.build(held.client(), () -> configuration(plan));
    }

    /**
     * A dropped proxy may still hold tokens it granted and has not written: they are written
     * (in the background: a request must not wait for another client's write), else the client
     * would get them again.
     */
    private void flushLater(Held held, BucketProxy proxy, RemovalCause cause) {
        if (held == null || proxy == null) {
            return;
        }
        if (properties.maxUnsynchronizedTokens(properties.plan(held.plan())) == 0) {
            return; // it granted nothing locally
        }
        flushes.execute(() -> {
            try {
                // a round trip only if it holds at least one unwritten token
                proxy.getOptimizationController().syncByCondition(1, Duration.ZERO);
            } catch (RuntimeException e) {
                log.warn("Tokens granted to a client could not be written to its bucket ({})", e.getMessage());
            }
        });
    }

    /** Writes what the proxies hold (for a few seconds at most), as the node stops. */
    @Override
    public void close() throws InterruptedException {
        proxies.invalidateAll();
        proxies.cleanUp();
        if (flushes instanceof ExecutorService service) {
            service.shutdown();
            service.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static ExecutorService flushingThread() {
        return new ThreadPoolExecutor(
                1,
                1,
                0,
                TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(1_000),
                runnable -> {
                    Thread thread = new Thread(runnable, "bucket-flush");
                    thread.setDaemon(true);
                    return thread;
                },
                new ThreadPoolExecutor.DiscardPolicy());
    }

    private static BucketConfiguration configuration(ThrottlingProperties.Plan plan) {
        return BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(plan.limit()).refillGreedy(plan.limit(), plan.period()))
                .build();
    }

    private static long version(ThrottlingProperties.Plan plan) {
        return 31L * plan.limit() + plan.period().toMillis();
    }

    /** A client under a plan: the same key keeps one plan, but nothing here relies on it. */
    private record Held(String client, String plan) {}
}
