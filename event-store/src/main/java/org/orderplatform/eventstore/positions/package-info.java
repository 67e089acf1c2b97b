/** Positions in the store, processors' tokens and lag: the one place they are read and computed. */
package org.orderplatform.eventstore.positions;
