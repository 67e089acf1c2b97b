package org.orderplatform.web.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * API keys in PostgreSQL, by the SHA-256 of the key; the key itself is never stored. Lookups go
 * through this node's {@link ApiKeyCache}, which every change made here updates.
 */
@Repository
public class ApiKeyStore {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String COLUMNS = "id, name, key_prefix, scopes, customer_id, created_at, revoked_at";

    private final JdbcTemplate jdbc;
    private final ApiKeyCache cache;

    ApiKeyStore(JdbcTemplate jdbc, ApiKeyCache cache) {
        this.jdbc = jdbc;
        this.cache = cache;
    }

    /** The active key with this value: remembered for a few seconds (ApiKeyCache), else looked up. */
    Optional<ApiClient> authenticate(String key) {
        return cache.lookup(hash(key), this::findActive);
    }

    private Optional<ApiClient> findActive(String keyHash) {
        return jdbc
                .query(
                        "SELECT id, name, scopes, customer_id FROM api_key WHERE key_hash = ? AND revoked_at IS NULL",
                        (rs, i) -> new ApiClient(
                                rs.getObject("id", UUID.class),
                                rs.getString("name"),
                                scopes(rs.getArray("scopes")),
                                rs.getString("customer_id")),
                        keyHash)
                .stream()
                .findFirst();
    }

    /** A new key: its value is in the answer, and nowhere else ever again. */
    public CreatedKey create(String name, Set<Scope> scopes, String customerId) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String key = "opk_" + HexFormat.of().formatHex(random);
        return new CreatedKey(insert(name, key, scopes, customerId), key);
    }

    /**
     * Stores a key whose value is given (the bootstrap key from configuration), unless it exists;
     * nodes starting together may both try.
     */
    public void ensure(String name, String key, Set<Scope> scopes) {
        jdbc.update(
                "INSERT INTO api_key (id, name, key_hash, key_prefix, scopes, customer_id, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, NULL, now()) ON CONFLICT (key_hash) DO NOTHING",
                ps -> {
                    ps.setObject(1, UUID.randomUUID());
                    ps.setString(2, name);
                    ps.setString(3, hash(key));
                    ps.setString(4, prefix(key));
                    ps.setArray(5, ps.getConnection().createArrayOf("text", values(scopes)));
                });
        forgetOnceCommitted(List.of(hash(key)));
        // a changed ORDERS_ADMIN_API_KEY replaces the previous one: rotating a leaked key works
        forgetOnceCommitted(jdbc.queryForList(
                "UPDATE api_key SET revoked_at = now() WHERE name = ? AND key_hash <> ? AND revoked_at IS NULL"
                        + " RETURNING key_hash",
                String.class,
                name,
                hash(key)));
    }

    boolean hasActiveAdminKey() {
        return jdbc.queryForObject(
                        "SELECT count(*) FROM api_key WHERE revoked_at IS NULL AND 'admin' = ANY (scopes)",
                        Integer.class)
                > 0;
    }

    List<ApiKeyView> list() {
        return jdbc.query("SELECT " + COLUMNS + " FROM api_key ORDER BY created_at, id", (rs, i) -> view(rs));
    }

    Optional<ApiKeyView> find(UUID id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM api_key WHERE id = ?", (rs, i) -> view(rs), id).stream()
                .findFirst();
    }

    /** Revokes the key: this node refuses it from the next request on, other nodes within the cache's time. */
    boolean revoke(UUID id) {
        List<String> revoked = jdbc.queryForList(
                "UPDATE api_key SET revoked_at = now() WHERE id = ? AND revoked_at IS NULL RETURNING key_hash",
                String.class,
                id);
        forgetOnceCommitted(revoked);
        return !revoked.isEmpty();
    }

    /**
     * Drops what this node's cache knows of these keys, after the change is committed: forgotten
     * earlier, a lookup in between could read and remember the state from before the change.
     */
    private void forgetOnceCommitted(List<String> keyHashes) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    keyHashes.forEach(cache::forget);
                }
            });
        } else {
            keyHashes.forEach(cache::forget);
        }
    }

    private ApiKeyView insert(String name, String key, Set<Scope> scopes, String customerId) {
        UUID id = UUID.randomUUID();
        jdbc.update(
                "INSERT INTO api_key (id, name, key_hash, key_prefix, scopes, customer_id, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                ps -> {
                    ps.setObject(1, id);
                    ps.setString(2, name);
                    ps.setString(3, hash(key));
                    ps.setString(4, prefix(key));
                    ps.setArray(5, ps.getConnection().createArrayOf("text", values(scopes)));
                    ps.setString(6, customerId);
                    ps.setTimestamp(7, Timestamp.from(Instant.now()));
                });
        // nobody should have tried a fresh random key, but a remembered "unknown" must not outlive it
        forgetOnceCommitted(List.of(hash(key)));
        return find(id).orElseThrow();
    }

    private static String prefix(String key) {
        return key.substring(0, Math.min(8, key.length()));
    }

    private static Object[] values(Set<Scope> scopes) {
        return scopes.stream().map(Scope::value).toArray();
    }

    static String hash(String key) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<Scope> scopes(Array array) throws SQLException {
        return Arrays.stream((String[]) array.getArray())
                .map(Scope::of)
                .flatMap(Optional::stream)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Scope.class)));
    }

    private static ApiKeyView view(ResultSet rs) throws SQLException {
        Timestamp revoked = rs.getTimestamp("revoked_at");
        return new ApiKeyView(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                rs.getString("key_prefix"),
                scopes(rs.getArray("scopes")).stream().map(Scope::value).toList(),
                rs.getString("customer_id"),
                rs.getTimestamp("created_at").toInstant(),
                revoked == null ? null : revoked.toInstant());
    }

    /** A created key and, this once, its value. */
    public record CreatedKey(ApiKeyView key, String value) {}
}
