package org.orderplatform.web.auth;

/**
 * Which scope a request needs: {@code admin} for {@code /admin/}, {@code webhooks:manage} for the
 * webhook subscriptions, {@code orders:read} to read and {@code orders:write} to change anything
 * else under {@code /api/}. Everything outside those (health, API docs, the sandboxes, the problem
 * catalogue) needs no key.
 */
final class AccessRules {

    private AccessRules() {}

    /** The scope the request needs, or null when it needs no key. */
    static Scope required(String method, String path) {
        if (path.equals("/admin") || path.startsWith("/admin/")) {
            return Scope.ADMIN;
        }
        if (!path.startsWith("/api/")) {
            return null;
        }
        if (path.startsWith("/api/v1/webhook-subscriptions")) {
            return Scope.WEBHOOKS_MANAGE;
        }
        return method.equals("GET") || method.equals("HEAD") ? Scope.ORDERS_READ : Scope.ORDERS_WRITE;
    }
}
