/**
 * Authentication and authorization with API keys: every call under {@code /api/} and
 * {@code /admin/} sends a key ({@code X-API-Key}, or {@code Authorization: Bearer}); keys are
 * stored hashed, carry scopes ({@code orders:read}, {@code orders:write}, {@code webhooks:manage},
 * {@code admin}) and may be bound to one customer. No key or an unknown one: 401; a key without
 * the scope: 403. Admins create and revoke keys at {@code /admin/api-keys}. Each node remembers
 * keys for a few seconds (by hash); a revocation is effective at once on the node that made it,
 * on the others when their entry expires.
 */
package org.orderplatform.web.auth;
