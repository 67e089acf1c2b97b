/**
 * What every projection shares: writes guarded by savepoints where a failure is expected
 * ({@link org.orderplatform.query.projection.ProjectionWrites}), processor settings, read model
 * names, and the bulk side of each read model ({@link org.orderplatform.query.projection.BulkProjector},
 * {@code COPY} rows, array parameters) that replays and rebuilds use.
 */
package org.orderplatform.query.projection;
