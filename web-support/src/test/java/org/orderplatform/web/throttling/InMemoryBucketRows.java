package org.orderplatform.web.throttling;

import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AbstractCompareAndSwapBasedProxyManager;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AsyncCompareAndSwapOperation;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.CompareAndSwapOperation;
import io.github.bucket4j.distributed.remote.RemoteBucketState;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bucket rows in memory, standing in for the rate_limit_bucket table that every node shares:
 * counts round trips (reads of a row), and can be made unreachable.
 */
final class InMemoryBucketRows extends AbstractCompareAndSwapBasedProxyManager<String> {

    private final Map<String, byte[]> rows = new HashMap<>();
    final AtomicInteger roundTrips = new AtomicInteger();
    volatile boolean unreachable;

    InMemoryBucketRows(TimeMeter clock) {
        super(ClientSideConfig.getDefault().withClientClock(clock));
    }

    @Override
    protected CompareAndSwapOperation beginCompareAndSwapOperation(String key) {
        return new CompareAndSwapOperation() {
            @Override
            public Optional<byte[]> getStateData(Optional<Long> timeoutNanos) {
                if (unreachable) {
                    throw new IllegalStateException("bucket store unreachable");
                }
                roundTrips.incrementAndGet();
                synchronized (rows) {
                    return Optional.ofNullable(rows.get(key));
                }
            }

            @Override
            public boolean compareAndSwap(
                    byte[] originalData, byte[] newData, RemoteBucketState newState, Optional<Long> timeoutNanos) {
                synchronized (rows) {
                    if (!Arrays.equals(rows.get(key), originalData)) {
                        return false;
                    }
                    rows.put(key, newData);
                    return true;
                }
            }
        };
    }

    @Override
    protected AsyncCompareAndSwapOperation beginAsyncCompareAndSwapOperation(String key) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void removeProxy(String key) {
        synchronized (rows) {
            rows.remove(key);
        }
    }

    @Override
    protected CompletableFuture<Void> removeAsync(String key) {
        removeProxy(key);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public boolean isAsyncModeSupported() {
        return false;
    }
}
