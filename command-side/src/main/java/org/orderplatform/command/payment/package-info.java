/**
 * The {@link org.orderplatform.command.payment.Payment} aggregate: one order's money at the
 * payment provider. Its command handlers call the provider (idempotency key per operation) and
 * record the outcome, including the provider being unreachable, as events.
 */
package org.orderplatform.command.payment;
