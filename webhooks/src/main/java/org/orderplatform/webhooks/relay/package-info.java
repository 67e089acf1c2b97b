/**
 * The relay: the event store is the outbox. A pooled streaming processor ({@code kafka-relay})
 * maps each domain event to its integration event and produces it to Kafka, keyed by order id,
 * {@code acks=all}, each batch one Kafka transaction of its segment's producer. The batch's token
 * is stored in the database transaction that commits after the Kafka one, so a batch the broker did
 * not take is read again (nothing is lost), and one that reached the topic before its token's
 * commit failed is looked up on the topic before it is sent again (nothing is there twice): see
 * {@link org.orderplatform.webhooks.relay.KafkaRelay}.
 */
package org.orderplatform.webhooks.relay;
