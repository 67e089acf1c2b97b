/**
 * Throttling: a token bucket per client (the admin key, else the client's address), kept in
 * PostgreSQL by Bucket4j so that the limit is shared by every node. Every throttled response
 * carries the IETF draft {@code RateLimit-Policy} and {@code RateLimit} headers; over the limit
 * is a 429 with {@code Retry-After}.
 */
package org.orderplatform.web.throttling;
