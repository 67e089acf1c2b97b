/**
 * Reads from a streaming standby of the primary ({@code ORDERS_DB_READ_URL}): queries without a
 * consistency token read there; a query with one reads there only once the standby has replayed
 * what the primary had when the read model took the token's write, else from the primary. The
 * answer says which ({@code X-Read-Source}). Writes, the consistency wait and the slot lookups
 * stay on the primary.
 */
package org.orderplatform.query.replica;
