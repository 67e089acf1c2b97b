/** What every projection shares: savepoint-guarded writes, processor settings, processor names. */
package org.orderplatform.query.projection;
