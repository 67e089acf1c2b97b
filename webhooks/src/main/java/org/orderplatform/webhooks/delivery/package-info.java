/**
 * Delivery: {@link org.orderplatform.webhooks.delivery.DispatchConsumer} fans each event from
 * Kafka out into one delivery per matching subscription (a PostgreSQL row, unique per
 * subscription and event) and commits offsets only after; it pauses when too many deliveries
 * wait. {@link org.orderplatform.webhooks.delivery.DeliveryDispatcher} claims due deliveries
 * ({@code FOR UPDATE SKIP LOCKED}, leased) and sends them, signed, through each endpoint's
 * breaker, rate limit and concurrency limit; failures are retried on the schedule, and the last
 * failure makes a dead letter (table and topic) that an admin can redrive.
 */
package org.orderplatform.webhooks.delivery;
