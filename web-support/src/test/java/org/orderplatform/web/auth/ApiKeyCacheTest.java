package org.orderplatform.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ApiKeyCacheTest {

    private final AtomicLong nanos = new AtomicLong();
    private final Database database = new Database();

    @Test
    void remembersAKnownKeyUntilItsTimeIsUp() {
        ApiKeyCache cache = cache(Duration.ofSeconds(5), 100, Duration.ofSeconds(1), 100);
        ApiClient client = database.store("a");

        assertThat(cache.lookup("a", database)).contains(client);
        assertThat(cache.lookup("a", database)).contains(client);
        assertThat(database.lookups).isEqualTo(1);

        database.revoke("a");
        advance(Duration.ofSeconds(4));
        assertThat(cache.lookup("a", database))
                .as("another node's revocation is seen once the entry expires, not before")
                .contains(client);
        advance(Duration.ofSeconds(2));
        assertThat(cache.lookup("a", database)).isEmpty();
        assertThat(database.lookups).isEqualTo(2);
    }

    @Test
    void aKeyRevokedOnThisNodeIsRefusedAtOnce() {
        ApiKeyCache cache = cache(Duration.ofMinutes(5), 100, Duration.ofSeconds(1), 100);
        database.store("a");
        assertThat(cache.lookup("a", database)).isPresent();

        database.revoke("a");
        cache.forget("a");

        assertThat(cache.lookup("a", database)).isEmpty();
    }

    @Test
    void aLookupThatOverlapsARevocationKeepsNothing() throws Exception {
        ApiKeyCache cache = cache(Duration.ofMinutes(5), 100, Duration.ofSeconds(1), 100);
        ApiClient client = database.store("a");
        // the lookup reads the key as active; meanwhile another request revokes it, commits, and
        // forgets it, before the lookup's answer is stored
        Thread revocation = new Thread(() -> {
            database.revoke("a");
            cache.forget("a");
        });
        Function<String, Optional<ApiClient>> racing = hash -> {
            Optional<ApiClient> read = database.apply(hash);
            revocation.start();
            return read;
        };

        assertThat(cache.lookup("a", racing)).contains(client);
        revocation.join();

        assertThat(cache.lookup("a", database)).isEmpty();
        assertThat(database.lookups).isEqualTo(2);
    }

    @Test
    void anUnknownKeyIsRememberedOnlyBriefly() {
        ApiKeyCache cache = cache(Duration.ofSeconds(5), 100, Duration.ofSeconds(1), 100);

        assertThat(cache.lookup("new", database)).isEmpty();
        assertThat(cache.lookup("new", database)).isEmpty();
        assertThat(database.lookups).as("a repeated wrong key costs one lookup").isEqualTo(1);

        ApiClient client = database.store("new"); // e.g. a bootstrap key stored by another node
        advance(Duration.ofMillis(1_001));

        assertThat(cache.lookup("new", database)).contains(client);
        assertThat(database.lookups).isEqualTo(2);
    }

    @Test
    void aKeyCreatedOnThisNodeIsNotKeptUnknown() {
        ApiKeyCache cache = cache(Duration.ofSeconds(5), 100, Duration.ofMinutes(1), 100);
        assertThat(cache.lookup("b", database)).isEmpty();

        ApiClient client = database.store("b");
        cache.forget("b");

        assertThat(cache.lookup("b", database)).contains(client);
    }

    @Test
    void aFloodOfWrongKeysDoesNotPushOutKnownKeys() {
        ApiKeyCache cache = cache(Duration.ofMinutes(5), 10, Duration.ofMinutes(5), 10);
        ApiClient client = database.store("good");
        cache.lookup("good", database);

        for (int i = 0; i < 1_000; i++) {
            assertThat(cache.lookup("wrong-" + i, database)).isEmpty();
        }
        int lookups = database.lookups;

        assertThat(cache.lookup("good", database)).contains(client);
        assertThat(database.lookups).isEqualTo(lookups);
    }

    @Test
    void bothCachesAreBounded() {
        ApiKeyCache cache = cache(Duration.ofMinutes(5), 10, Duration.ofMinutes(5), 10);
        for (int i = 0; i < 100; i++) {
            database.store("good-" + i);
            cache.lookup("good-" + i, database);
            cache.lookup("wrong-" + i, database);
        }
        int lookups = database.lookups;

        for (int i = 0; i < 100; i++) {
            cache.lookup("good-" + i, database);
            cache.lookup("wrong-" + i, database);
        }

        assertThat(database.lookups - lookups)
                .as("at most 10 of each kind were still remembered")
                .isGreaterThanOrEqualTo(180);
    }

    @Test
    void aZeroTimeMeansEveryLookupAsksTheDatabase() {
        ApiKeyCache cache = cache(Duration.ZERO, 100, Duration.ZERO, 100);
        database.store("a");

        cache.lookup("a", database);
        cache.lookup("a", database);
        cache.lookup("x", database);
        cache.lookup("x", database);

        assertThat(database.lookups).isEqualTo(4);
    }

    private ApiKeyCache cache(Duration ttl, long size, Duration unknownTtl, long unknownSize) {
        return new ApiKeyCache(new AuthProperties(false, ttl, size, unknownTtl, unknownSize), nanos::get);
    }

    private void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    /** Active keys by hash; counts lookups. */
    private static final class Database implements Function<String, Optional<ApiClient>> {
        private final Map<String, ApiClient> active = new ConcurrentHashMap<>();
        private volatile int lookups;

        ApiClient store(String hash) {
            ApiClient client = new ApiClient(UUID.randomUUID(), hash, Set.of(Scope.ORDERS_READ), null);
            active.put(hash, client);
            return client;
        }

        void revoke(String hash) {
            active.remove(hash);
        }

        @Override
        public Optional<ApiClient> apply(String hash) {
            lookups++;
            return Optional.ofNullable(active.get(hash));
        }
    }
}
