/**
 * Webhook subscriptions: the API ({@code /api/v1/webhook-subscriptions}), their signing secrets
 * (shown once, rotated with an overlap), and the guard that keeps subscribers from pointing the
 * platform at its own network.
 */
package org.orderplatform.webhooks.subscriptions;
