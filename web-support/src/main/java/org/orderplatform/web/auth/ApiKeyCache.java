package org.orderplatform.web.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * What a node recently learnt about API keys, so that most requests authenticate without a
 * database lookup. Entries are keyed by the key's SHA-256, never by the key itself.
 *
 * <p>Known keys and unknown ones (never stored, or revoked) are kept apart, each bounded: a flood
 * of wrong keys only pushes out other wrong keys, never a client's. Unknown keys are remembered
 * only briefly; they still cost one lookup each when they are all different (nothing can tell a
 * wrong key from a right one but the database), and such callers are throttled by address.
 *
 * <p>A change made through this node (revocation, creation) is forgotten here at once, once it is
 * committed; other nodes learn it when their entry expires.
 */
final class ApiKeyCache {

    private final Cache<String, ApiClient> known;
    private final Cache<String, Boolean> unknown;
    // bumped by every forget: a lookup that overlapped one may hold an answer older than it
    private final AtomicLong forgets = new AtomicLong();

    ApiKeyCache(AuthProperties properties, Ticker ticker) {
        this.known = cache(properties.keyCacheTtl(), properties.keyCacheSize(), ticker);
        this.unknown = cache(properties.unknownKeyCacheTtl(), properties.unknownKeyCacheSize(), ticker);
    }

    /** The client with this key hash: remembered, or else found by {@code database} (and remembered). */
    Optional<ApiClient> lookup(String keyHash, Function<String, Optional<ApiClient>> database) {
        ApiClient client = known.getIfPresent(keyHash);
        if (client != null) {
            return Optional.of(client);
        }
        if (unknown.getIfPresent(keyHash) != null) {
            return Optional.empty();
        }
        long forgetsBefore = forgets.get();
        // concurrent requests with the same key wait for one lookup rather than each making their own
        client = known.get(keyHash, hash -> {
            Optional<ApiClient> found = database.apply(hash);
            if (found.isEmpty()) {
                unknown.put(hash, Boolean.TRUE);
            }
            return found.orElse(null);
        });
        if (forgets.get() != forgetsBefore) {
            // a key changed on this node during the lookup, which may have read the key's state from
            // before that change: keep nothing from it (forget bumps the count before it invalidates)
            known.invalidate(keyHash);
            unknown.invalidate(keyHash);
        }
        return Optional.ofNullable(client);
    }

    /** Forgets a key whose stored state changed; call it once the change is committed. */
    void forget(String keyHash) {
        forgets.incrementAndGet();
        known.invalidate(keyHash);
        unknown.invalidate(keyHash);
    }

    private static <V> Cache<String, V> cache(Duration ttl, long size, Ticker ticker) {
        return Caffeine.newBuilder()
                .expireAfterWrite(ttl)
                .maximumSize(size)
                .ticker(ticker)
                // upkeep (eviction) on the calling thread: it is cheap, and the common pool has a
                // single thread on a two-core machine
                .executor(Runnable::run)
                .build();
    }
}
