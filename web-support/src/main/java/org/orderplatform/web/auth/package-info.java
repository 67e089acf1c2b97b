/**
 * Authentication and authorization with API keys: every call under {@code /api/} and
 * {@code /admin/} sends a key ({@code X-API-Key}, or {@code Authorization: Bearer}); keys are
 * stored hashed, carry scopes ({@code orders:read}, {@code orders:write}, {@code webhooks:manage},
 * {@code admin}) and may be bound to one customer. No key or an unknown one: 401; a key without
 * the scope: 403. Admins create and revoke keys at {@code /admin/api-keys}.
 */
package org.orderplatform.web.auth;
