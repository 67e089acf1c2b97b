/**
 * {@code Idempotency-Key} (draft-ietf-httpapi-idempotency-key-header) for unsafe requests.
 *
 * <p>One database transaction covers the whole request: it takes a lock on the key, runs the
 * handler (the command joins the transaction, so its events are appended in it) and stores the
 * response. Either the effect and the stored response commit together or neither does, so a retry
 * can never execute a command twice, not even after a crash.
 */
package org.orderplatform.web.idempotency;
