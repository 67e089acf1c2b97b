package org.orderplatform.webhooks.subscriptions;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.orderplatform.web.cursor.Cursors;
import org.orderplatform.web.problem.ProblemException;
import org.orderplatform.webhooks.WebhookProblem;
import org.orderplatform.webhooks.WebhookProperties;
import org.orderplatform.webhooks.web.Keyset;
import org.orderplatform.webhooks.web.Page;
import org.orderplatform.webhooks.web.PageRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

@RestController
@RequestMapping(path = "/api/v1/webhook-subscriptions", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Webhook subscriptions", description = "Where and which events are delivered; signing secrets")
// subscriptions carry every customer's events: never for a key bound to one customer
@PreAuthorize("@customerAccess.operator()")
class WebhookSubscriptionController {

    private final SubscriptionStore store;
    private final SubscriptionRules rules;
    private final WebhookProperties properties;
    private final Cursors cursors;

    WebhookSubscriptionController(
            SubscriptionStore store, TargetGuard guard, WebhookProperties properties, Cursors cursors) {
        this.store = store;
        this.cursors = cursors;
        this.rules = new SubscriptionRules(guard);
        this.properties = properties;
    }

    @PostMapping
    @Operation(
            operationId = "createSubscription",
            summary = "Subscribe a URL to events",
            description = "Answers the signing secret (whsec_...) this once. Needs an Idempotency-Key.")
    // springdoc documents this as the success status; the ResponseEntity sets it
    @ResponseStatus(HttpStatus.CREATED)
    @ApiResponse(
            responseCode = "201",
            description = "Subscribed: the subscription with its signing secret",
            headers =
                    @Header(
                            name = HttpHeaders.LOCATION,
                            required = true,
                            description = "The subscription",
                            schema = @Schema(type = "string", format = "uri")))
    ResponseEntity<Subscription> create(@RequestBody SubscriptionRequest request) {
        var types = rules.check(request, false);
        String secret = SigningSecrets.generate();
        Subscription created = store.create(request.url(), request.description(), types, secret);
        var location = ServletUriComponentsBuilder.fromCurrentRequest()
                .path("/{id}")
                .buildAndExpand(created.id())
                .toUri();
        return ResponseEntity.created(location).body(created.withSecret(secret));
    }

    @GetMapping
    @Operation(
            operationId = "listSubscriptions",
            summary = "List subscriptions, oldest first (keyset pages: follow links.next)")
    @ApiResponse(
            responseCode = "200",
            description = "A page of subscriptions",
            headers =
                    @Header(
                            name = HttpHeaders.LINK,
                            description = "The next page (rel=\"next\"), if there is one",
                            schema = @Schema(type = "string")))
    ResponseEntity<Page<Subscription>> list(
            @Parameter(description = "1-100, default 20") @RequestParam(required = false) String limit,
            @RequestParam(required = false) String cursor) {
        var page = PageRequest.parse(limit, cursor, cursors);
        return page.respond(
                store.page(page.after(), page.fetchSize()),
                subscription -> new Keyset(subscription.createdAt(), subscription.id()));
    }

    @GetMapping("/{id}")
    @Operation(operationId = "getSubscription", summary = "Read a webhook subscription")
    Subscription get(@PathVariable UUID id) {
        return existing(id);
    }

    @PatchMapping("/{id}")
    @Operation(
            operationId = "updateSubscription",
            summary = "Change the URL, event types or description (absent fields stay)")
    Subscription update(@PathVariable UUID id, @RequestBody SubscriptionRequest request) {
        var types = rules.check(request, true);
        if (!store.update(id, request.url(), request.description(), types)) {
            throw notFound(id);
        }
        return existing(id);
    }

    @PostMapping("/{id}/pause")
    @Operation(
            operationId = "pauseSubscription",
            summary = "Hold deliveries: events still arrive and wait until the subscription is resumed")
    Subscription pause(@PathVariable UUID id) {
        existing(id);
        store.pause(id);
        return existing(id);
    }

    @PostMapping("/{id}/resume")
    @Operation(
            operationId = "resumeSubscription",
            summary = "Send again (also re-enables a subscription the platform disabled)")
    Subscription resume(@PathVariable UUID id) {
        if (!store.resume(id)) {
            throw notFound(id);
        }
        return existing(id);
    }

    @PostMapping("/{id}/secret/rotate")
    @Operation(
            operationId = "rotateSubscriptionSecret",
            summary = "New signing secret",
            description = "The previous secret keeps signing (a second signature in webhook-signature) for"
                    + " ORDERS_WEBHOOKS_SECRET_ROTATION_OVERLAP, so receivers can switch without dropping anything.")
    RotatedSecret rotate(@PathVariable UUID id) {
        existing(id);
        String secret = SigningSecrets.generate();
        return new RotatedSecret(secret, store.rotate(id, secret, properties.secretRotationOverlap()));
    }

    // no body to negotiate: any Accept will do (a client accepting only problem+json got 406)
    @DeleteMapping(path = "/{id}", produces = MediaType.ALL_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            operationId = "deleteSubscription",
            summary = "Delete the subscription with its deliveries and dead letters")
    void delete(@PathVariable UUID id) {
        if (!store.delete(id)) {
            throw notFound(id);
        }
    }

    private Subscription existing(UUID id) {
        return store.find(id).orElseThrow(() -> notFound(id));
    }

    static ProblemException notFound(UUID id) {
        return new ProblemException(WebhookProblem.WEBHOOK_SUBSCRIPTION_NOT_FOUND, "No webhook subscription " + id);
    }
}
