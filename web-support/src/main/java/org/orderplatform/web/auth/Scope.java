package org.orderplatform.web.auth;

import java.util.Arrays;
import java.util.Optional;

/** What a key may do. */
public enum Scope {
    ORDERS_READ("orders:read"),
    ORDERS_WRITE("orders:write"),
    WEBHOOKS_MANAGE("webhooks:manage"),
    ADMIN("admin");

    private final String value;

    Scope(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static Optional<Scope> of(String value) {
        return Arrays.stream(values())
                .filter(scope -> scope.value.equals(value))
                .findFirst();
    }
}
