package org.orderplatform.web.throttling;

import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.AbstractSelectForUpdateBasedProxyManager;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.LockAndGetResult;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.SelectForUpdateBasedTransaction;
import io.github.bucket4j.distributed.remote.RemoteBucketState;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Bucket rows in memory, standing in for the rate_limit_bucket table that every node shares, and
 * worked the way the platform's PostgreSQL proxy manager works them (Bucket4j's select-for-update
 * protocol: lock the row, insert an empty one if there is none, write it, commit). Counts round
 * trips (reads of a row under its lock), can be made unreachable, and can hold a read.
 */
final class InMemoryBucketRows extends AbstractSelectForUpdateBasedProxyManager<String> {

    private final Set<String> present = new HashSet<>();
    private final Map<String, byte[]> rows = new HashMap<>();
    private final Map<String, ReentrantLock> locks = new HashMap<>();
    final AtomicInteger roundTrips = new AtomicInteger();
    volatile boolean unreachable;
    /** Runs before each read of a row: lets a test hold a round trip while other calls queue. */
    volatile Runnable beforeRead = () -> {};

    InMemoryBucketRows(TimeMeter clock) {
        super(ClientSideConfig.getDefault().withClientClock(clock));
    }

    @Override
    protected SelectForUpdateBasedTransaction allocateTransaction(String key, Optional<Long> timeoutNanos) {
        ReentrantLock lock;
        synchronized (rows) {
            lock = locks.computeIfAbsent(key, k -> new ReentrantLock());
        }
        return new SelectForUpdateBasedTransaction() {
            @Override
            public void begin(Optional<Long> timeout) {
                if (unreachable) {
                    throw new IllegalStateException("bucket store unreachable");
                }
            }

            @Override
            public LockAndGetResult tryLockAndGet(Optional<Long> timeout) {
                beforeRead.run();
                roundTrips.incrementAndGet();
                synchronized (rows) {
                    if (!present.contains(key)) {
                        return LockAndGetResult.notLocked();
                    }
                }
                lock.lock();
                synchronized (rows) {
                    return LockAndGetResult.locked(rows.get(key));
                }
            }

            @Override
            public boolean tryInsertEmptyData(Optional<Long> timeout) {
                synchronized (rows) {
                    return present.add(key); // an empty row, as Bucket4j inserts it
                }
            }

            @Override
            public void update(byte[] data, RemoteBucketState newState, Optional<Long> timeout) {
                synchronized (rows) {
                    rows.put(key, data);
                }
            }

            @Override
            public void commit(Optional<Long> timeout) {}

            @Override
            public void rollback() {}

            @Override
            public void release() {
                if (lock.isHeldByCurrentThread()) {
                    lock.unlock();
                }
            }
        };
    }

    @Override
    public void removeProxy(String key) {
        synchronized (rows) {
            rows.remove(key);
            present.remove(key);
        }
    }
}
