/** Write serialisation per aggregate across all nodes, for the life of the database transaction. */
package org.orderplatform.command.locking;
