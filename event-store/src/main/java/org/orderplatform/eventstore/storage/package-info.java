/** The event store: Axon's JDBC engine on the Liquibase schema, and the wake-ups that keep processors prompt. */
package org.orderplatform.eventstore.storage;
