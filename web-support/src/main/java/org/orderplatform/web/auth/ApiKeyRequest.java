package org.orderplatform.web.auth;

import java.util.List;

/**
 * A key to create.
 *
 * @param scopes of {@code orders:read}, {@code orders:write}, {@code webhooks:manage}, {@code admin}
 * @param customerId set: the key acts for this customer only (its own orders)
 */
public record ApiKeyRequest(String name, List<String> scopes, String customerId) {}
