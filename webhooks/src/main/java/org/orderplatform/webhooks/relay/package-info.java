/**
 * The relay: the event store is the outbox. A pooled streaming processor ({@code kafka-relay})
 * maps each domain event to its integration event and produces it to Kafka, keyed by order id,
 * with the idempotent producer and {@code acks=all}. The batch's token is stored in the same
 * transaction that waits for the broker's acknowledgements, so a batch the broker did not take is
 * read again: nothing is lost, and a resend is deduplicated downstream by event id.
 */
package org.orderplatform.webhooks.relay;
