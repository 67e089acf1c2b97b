/**
 * Throttling: a token bucket per client (the calling key, else the client's address), kept in
 * PostgreSQL by Bucket4j so that the limit is shared by every node. Each node keeps one proxy per
 * client which grants a small share of the limit from its own copy of the bucket before writing
 * to the row, so most requests need no round trip (docs/middleware.md bounds the overshoot).
 * Every throttled response carries the IETF draft {@code RateLimit-Policy} and {@code RateLimit}
 * headers; over the limit is a 429 with {@code Retry-After}.
 */
package org.orderplatform.web.throttling;
