/**
 * Replays and rebuilds at the speed of the database: one streaming read of the event store through
 * Axon's own storage engine, chunks folded in memory by each read model's
 * {@link org.orderplatform.query.projection.BulkProjector}, each chunk committed in one
 * transaction with the processor's tokens. The Axon processor stays for live traffic and takes
 * over where the bulk run stops (the head of the store, or a chunk it could not write). See
 * docs/adr/0006-bulk-replay.md.
 */
package org.orderplatform.query.bulk;
