/**
 * Axon's storage and stream processors, with one owner: the event store on PostgreSQL (and its
 * prompt wake-ups), serialization, revisions and upcasters, positions, tokens, lag and dead letters,
 * and the tuning of every streaming processor. Feature modules declare their processors
 * ({@link org.orderplatform.eventstore.processing.StreamProcessor}) and read positions through
 * this module's API; none of them writes SQL against Axon's tables.
 */
package org.orderplatform.eventstore;
