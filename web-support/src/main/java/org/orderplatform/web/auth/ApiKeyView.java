package org.orderplatform.web.auth;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An API key as the admin API shows it: never its value, only its first characters. */
public record ApiKeyView(
        UUID id,
        @Schema(example = "billing service") String name,

        @Schema(description = "The key's first characters, to recognise it", example = "opk_1f2e")
        String prefix,

        @Schema(example = "[\"orders:read\"]") List<String> scopes,

        @Schema(nullable = true, description = "Set when the key acts for this customer only")
        String customerId,

        Instant createdAt,

        @Schema(nullable = true, description = "Set once the key is revoked")
        Instant revokedAt) {}
