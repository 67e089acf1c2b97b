/**
 * Outbound events. {@code events}: the public, versioned integration events and their mapping from
 * domain events. {@code relay}: an Axon streaming processor that produces them to Kafka (the event
 * store is the outbox). {@code subscriptions}: the subscriptions API, signing secrets and the
 * SSRF guard. {@code delivery}: the Kafka consumer that fans events out into deliveries, the
 * dispatcher that sends them (signed, retried, protected per endpoint), dead letters and redrive.
 */
package org.orderplatform.webhooks;
