/** Processors' dead letters as rows: counted, listed, handed over. */
package org.orderplatform.eventstore.deadletter;
