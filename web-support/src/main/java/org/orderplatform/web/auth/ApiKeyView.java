package org.orderplatform.web.auth;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An API key as the admin API shows it: never its value, only its first characters. */
public record ApiKeyView(
        UUID id,
        String name,
        String prefix,
        List<String> scopes,
        String customerId,
        Instant createdAt,
        Instant revokedAt) {}
