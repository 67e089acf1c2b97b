package org.orderplatform.web.auth;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who the caller is: the key that authenticated the request, with its scopes. A client (the
 * operator console among them) asks before it offers what the key may not do; the server checks
 * every request regardless.
 */
@RestController
@Tag(name = "API keys", description = "The calling key")
class CurrentKeyController {

    /** The calling key: never its value. */
    record CurrentKeyView(
            UUID id,
            @Schema(example = "billing service") String name,
            @Schema(example = "[\"orders:read\"]") List<String> scopes,

            @Schema(nullable = true, description = "Set when the key acts for this customer only")
            String customerId) {}

    @GetMapping(path = "/api/v1/api-keys/current", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "getCurrentApiKey", summary = "The calling key: its name, scopes and customer")
    CurrentKeyView current(HttpServletRequest request) {
        // the security chain lets no request without a key get here
        ApiClient client = ApiClient.of(request).orElseThrow();
        return new CurrentKeyView(
                client.keyId(),
                client.name(),
                client.scopes().stream()
                        .sorted(Comparator.naturalOrder())
                        .map(Scope::value)
                        .toList(),
                client.customerId());
    }
}
