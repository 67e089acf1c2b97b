package org.orderplatform.query.replica;

/**
 * A standby to read from: {@code ORDERS_DB_READ_URL} (with {@code ORDERS_DB_READ_USER} and
 * {@code ORDERS_DB_READ_PASSWORD}, which default to the primary's), or the embedded runtime's first
 * standby ({@code ORDERS_EMBEDDED_READ_FROM_STANDBY}).
 */
public record ReplicaEndpoint(String jdbcUrl, String user, String password) {}
