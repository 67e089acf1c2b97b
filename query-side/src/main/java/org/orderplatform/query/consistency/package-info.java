/**
 * Read-your-writes: a command answers the global position of its last event; a query that sends
 * it back waits (bounded) until the read model's processor has handled that event.
 */
package org.orderplatform.query.consistency;
