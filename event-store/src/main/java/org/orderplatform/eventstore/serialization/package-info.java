/** How events, snapshots and tokens are written and read back for years: Jackson, revisions, upcasters. */
package org.orderplatform.eventstore.serialization;
