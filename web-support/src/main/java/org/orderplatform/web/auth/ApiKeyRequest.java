package org.orderplatform.web.auth;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * A key to create.
 *
 * @param scopes of {@code orders:read}, {@code orders:write}, {@code webhooks:manage}, {@code admin}
 * @param customerId set: the key acts for this customer only (its own orders)
 */
public record ApiKeyRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "billing service", maxLength = 100)
        String name,

        @Schema(
                requiredMode = Schema.RequiredMode.REQUIRED,
                example = "[\"orders:read\"]",
                description = "orders:read, orders:write, webhooks:manage, admin")
        List<String> scopes,

        @Schema(nullable = true, example = "customer-42", description = "Bind the key to this customer's orders")
        String customerId) {}
