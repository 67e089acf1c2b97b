/** Snapshot creation shared by every aggregate: asynchronous, after the triggering transaction commits. */
package org.orderplatform.command.snapshot;
