/**
 * The projection admin API ({@code /admin/projections}): status and progress of every processor,
 * replay in place, zero-downtime rebuild into the inactive slot, and the dead-letter queue.
 *
 * <p>Replay and rebuild stop and restart the processor on this node. With several nodes, the
 * other nodes must not hold any of the projection's segments (stop the projection there first);
 * otherwise both answer 409 and name the owners.
 */
package org.orderplatform.query.admin;
