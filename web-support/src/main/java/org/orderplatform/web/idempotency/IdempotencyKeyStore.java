package org.orderplatform.web.idempotency;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The {@code idempotency_key} table. Times come from the database clock, so every node agrees on
 * what has expired.
 */
@Repository
class IdempotencyKeyStore {

    private static final TypeReference<Map<String, List<String>>> HEADERS = new TypeReference<>() {};

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    IdempotencyKeyStore(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Claims the key for the current transaction without waiting: {@code false} means another
     * request with this key is in flight, on this node or any other.
     */
    boolean tryLock(String clientId, String key) {
        Boolean locked =
                jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?)", Boolean.class, lockId(clientId, key));
        return Boolean.TRUE.equals(locked);
    }

    Optional<StoredRequest> find(String clientId, String key) {
        return jdbc
                .query(
                        """
                        SELECT request_fingerprint, response_status, response_content_type, response_headers, response_body
                          FROM idempotency_key
                         WHERE client_id = ? AND idempotency_key = ? AND expires_at > now()
                        """,
                        (rs, row) -> new StoredRequest(
                                rs.getString(1),
                                new StoredResponse(
                                        rs.getInt(2), rs.getString(3), readHeaders(rs.getString(4)), rs.getBytes(5))),
                        clientId,
                        key)
                .stream()
                .findFirst();
    }

    /** Stores the response; an expired row for the same key is replaced, a live one is left alone. */
    void save(
            String clientId,
            String key,
            String fingerprint,
            String method,
            String path,
            StoredResponse response,
            Duration ttl) {
        jdbc.update(
                """
                INSERT INTO idempotency_key (client_id, idempotency_key, request_fingerprint, request_method, request_path,
                                             response_status, response_content_type, response_headers, response_body,
                                             created_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, now(), now() + ? * interval '1 millisecond')
                ON CONFLICT (client_id, idempotency_key) DO UPDATE
                   SET request_fingerprint = excluded.request_fingerprint,
                       request_method = excluded.request_method,
                       request_path = excluded.request_path,
                       response_status = excluded.response_status,
                       response_content_type = excluded.response_content_type,
                       response_headers = excluded.response_headers,
                       response_body = excluded.response_body,
                       created_at = excluded.created_at,
                       expires_at = excluded.expires_at
                 WHERE idempotency_key.expires_at <= now()
                """,
                clientId,
                key,
                fingerprint,
                method,
                truncate(path, 2048),
                response.status(),
                response.contentType(),
                writeHeaders(response.headers()),
                response.body(),
                ttl.toMillis());
    }

    /** Deletes up to {@code batchSize} expired keys; returns how many went. */
    int deleteExpired(int batchSize) {
        return jdbc.update("""
                DELETE FROM idempotency_key
                 WHERE ctid IN (SELECT ctid FROM idempotency_key WHERE expires_at <= now() LIMIT ?)
                """, batchSize);
    }

    /** 64 bits of SHA-256: a collision would only make two keys wait for each other. */
    private static long lockId(String clientId, String key) {
        MessageDigest sha = RequestFingerprint.sha256();
        sha.update(clientId.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(key.getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.wrap(sha.digest()).getLong();
    }

    private String writeHeaders(Map<String, List<String>> headers) {
        try {
            return json.writeValueAsString(headers);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, List<String>> readHeaders(String value) {
        try {
            return json.readValue(value, HEADERS);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String truncate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }
}
