/**
 * A webhook receiver inside the application, like webhook.site, for local runs, the README
 * walkthrough and tests: point a subscription at {@code /sandbox/webhook-inbox/{inbox}}, give the
 * inbox the subscription's secret, and it lists what arrived and whether each signature checks
 * out. It verifies signatures with its own HMAC code, as a subscriber would, not with the
 * dispatcher's. Kept in memory (the last 200 per inbox); off with
 * {@code ORDERS_WEBHOOK_INBOX_ENABLED}: on in the local profile only.
 *
 * <pre>
 * PUT  /sandbox/webhook-inbox/{inbox}/secret  {secret: "whsec_..."}   the secret to verify with
 * POST /sandbox/webhook-inbox/{inbox}                                 receive (204; 401 when a secret is set and no signature matches)
 * GET  /sandbox/webhook-inbox/{inbox}                                 what arrived, newest first
 * </pre>
 */
package org.orderplatform.sandbox.webhooks;
