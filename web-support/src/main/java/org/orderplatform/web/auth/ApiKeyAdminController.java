package org.orderplatform.web.auth;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.orderplatform.web.problem.ProblemException;
import org.orderplatform.web.problem.Problems;
import org.orderplatform.web.problem.StandardProblem;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/admin/api-keys", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Admin: API keys", description = "Create, list and revoke API keys (admin scope)")
class ApiKeyAdminController {

    private final ApiKeyStore keys;

    ApiKeyAdminController(ApiKeyStore keys) {
        this.keys = keys;
    }

    @PostMapping
    @Operation(
            operationId = "createApiKey",
            summary = "Create a key",
            description = "The answer holds the key's value (`key`), this once.")
    // springdoc documents this as the success status; the ResponseEntity sets it
    @ResponseStatus(HttpStatus.CREATED)
    ResponseEntity<CreatedKeyView> create(@RequestBody ApiKeyRequest request) {
        Set<Scope> scopes = check(request);
        ApiKeyStore.CreatedKey created = keys.create(request.name(), scopes, request.customerId());
        return ResponseEntity.status(HttpStatus.CREATED).body(new CreatedKeyView(created.key(), created.value()));
    }

    @GetMapping
    @Operation(operationId = "listApiKeys", summary = "List the API keys (their prefixes, never their values)")
    List<ApiKeyView> list() {
        return keys.list();
    }

    // no body to negotiate: any Accept will do (a client accepting only problem+json got 406)
    @DeleteMapping(path = "/{id}", produces = MediaType.ALL_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(operationId = "revokeApiKey", summary = "Revoke a key: it is refused from the next request on")
    void revoke(@PathVariable UUID id) {
        if (keys.find(id).isEmpty()) {
            throw new ProblemException(StandardProblem.API_KEY_NOT_FOUND, "No API key " + id);
        }
        keys.revoke(id);
    }

    private static Set<Scope> check(ApiKeyRequest request) {
        List<Problems.FieldError> errors = new ArrayList<>();
        if (request.name() == null || request.name().isBlank() || request.name().length() > 100) {
            errors.add(new Problems.FieldError("name", "is required, up to 100 characters"));
        }
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        if (request.scopes() == null || request.scopes().isEmpty()) {
            errors.add(new Problems.FieldError("scopes", "must name at least one scope"));
        } else {
            for (int i = 0; i < request.scopes().size(); i++) {
                var scope = Scope.of(request.scopes().get(i));
                if (scope.isEmpty()) {
                    errors.add(new Problems.FieldError(
                            "scopes[" + i + "]", "is not one of orders:read, orders:write, webhooks:manage, admin"));
                } else {
                    scopes.add(scope.get());
                }
            }
        }
        if (request.customerId() != null && (scopes.contains(Scope.ADMIN) || scopes.contains(Scope.WEBHOOKS_MANAGE))) {
            // subscriptions see every customer's events: only an operator's key may manage them
            errors.add(new Problems.FieldError(
                    "customerId", "a key with the admin or webhooks:manage scope cannot be bound to a customer"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problems.validation(errors));
        }
        return scopes;
    }

    /** The created key and its value (shown this once). */
    record CreatedKeyView(ApiKeyView apiKey, String key) {}
}
