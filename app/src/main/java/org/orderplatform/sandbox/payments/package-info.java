/**
 * A card payment provider inside the application, for local runs and tests: the HTTP adapter calls
 * it when no {@code orders.payments.provider-url} is set. It simulates a third party, so it keeps
 * its state in memory and knows nothing of orders. Every rule is deterministic, so each path can be
 * driven with curl:
 *
 * <pre>
 * POST /sandbox/payments/authorizations   {amountMinor, currency, paymentToken}
 *   tok_decline             402 {status: declined, reason: card_declined}
 *   tok_insufficient_funds  402 {status: declined, reason: insufficient_funds}
 *   tok_unavailable         503 {status: unavailable, reason: provider_unavailable}
 *   tok_timeout             approves, after orders.payments.sandbox.timeout-delay (10s: longer than clients wait)
 *   anything else, or none  201 {authorizationId, status: approved}
 * POST .../authorizations/{id}/capture  {amountMinor}  200 {captureId}; 404 unknown_authorization;
 *   422 voided, already_captured, amount_exceeds_authorization, currency_mismatch
 * POST .../authorizations/{id}/void                    200 {voidId}; 404; 422 captured, voided
 * POST .../authorizations/{id}/refund   {amountMinor}  200 {refundId}; 404; 422 not_captured,
 *   amount_exceeds_capture, currency_mismatch (several partial refunds are fine)
 * GET  .../authorizations/{id}                          the authorization's state and amounts
 * GET|PUT /sandbox/payments/settings  {failureRate 0.0-1.0, latencyMs 0-60000}; POST .../settings/reset
 *   every payment call first waits latencyMs, then fails with 503 with probability failureRate
 * </pre>
 *
 * Every POST needs an {@code Idempotency-Key}: the same key answers the first reply again
 * ({@code Idempotent-Replayed: true}) and does nothing twice; with a different request it is a 422.
 * 503s are not kept, so a retry with the same key can succeed. Set
 * {@code orders.payments.sandbox.enabled=false} wherever a real provider is used.
 */
package org.orderplatform.sandbox.payments;
