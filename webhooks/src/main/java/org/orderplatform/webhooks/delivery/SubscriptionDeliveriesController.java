package org.orderplatform.webhooks.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.UUID;
import org.orderplatform.web.cursor.Cursors;
import org.orderplatform.web.problem.ProblemException;
import org.orderplatform.webhooks.WebhookProblem;
import org.orderplatform.webhooks.events.EventTypes;
import org.orderplatform.webhooks.events.IntegrationEvent;
import org.orderplatform.webhooks.events.IntegrationEventData;
import org.orderplatform.webhooks.subscriptions.SubscriptionStore;
import org.orderplatform.webhooks.web.Keyset;
import org.orderplatform.webhooks.web.Page;
import org.orderplatform.webhooks.web.PageRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/webhook-subscriptions/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Webhook subscriptions")
// subscriptions carry every customer's events: never for a key bound to one customer
@PreAuthorize("@customerAccess.operator()")
class SubscriptionDeliveriesController {

    private final SubscriptionStore subscriptions;
    private final DeliveryStore deliveries;
    private final DeliveryLog log;
    private final ObjectProvider<DeliveryDispatcher> dispatcher;
    private final ObjectMapper json;
    private final Cursors cursors;
    private final ObjectProvider<Tracer> tracer;
    private final ObjectProvider<Propagator> propagator;
    private final ObjectProvider<EndpointGuards> guards;

    SubscriptionDeliveriesController(
            SubscriptionStore subscriptions,
            DeliveryStore deliveries,
            DeliveryLog log,
            ObjectProvider<DeliveryDispatcher> dispatcher,
            ObjectMapper json,
            Cursors cursors,
            ObjectProvider<Tracer> tracer,
            ObjectProvider<Propagator> propagator,
            ObjectProvider<EndpointGuards> guards) {
        this.guards = guards;
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.log = log;
        this.dispatcher = dispatcher;
        this.json = json;
        this.cursors = cursors;
        this.tracer = tracer;
        this.propagator = propagator;
    }

    @GetMapping("/deliveries")
    @Operation(
            operationId = "listSubscriptionDeliveries",
            summary = "The subscription's deliveries, newest first, each with its attempts")
    @ApiResponse(
            responseCode = "200",
            description = "A page of deliveries",
            headers =
                    @Header(
                            name = HttpHeaders.LINK,
                            description = "The next page (rel=\"next\"), if there is one",
                            schema = @Schema(type = "string")))
    ResponseEntity<Page<DeliveryView>> deliveries(
            @PathVariable UUID id,
            @Parameter(description = "1-100, default 20") @RequestParam(required = false) String limit,
            @RequestParam(required = false) String cursor) {
        existing(id);
        var page = PageRequest.parse(limit, cursor, cursors);
        return page.respond(
                log.page(id, page.after(), page.fetchSize()),
                delivery -> new Keyset(delivery.createdAt(), delivery.id()));
    }

    @GetMapping("/endpoint")
    @Operation(
            operationId = "getSubscriptionEndpointState",
            summary = "The endpoint's circuit breaker on the answering node",
            description = "Each node that dispatches keeps its own breaker per endpoint (an opening is gossiped to"
                    + " the others): open means deliveries wait, without using up attempts.")
    EndpointStateView endpoint(@PathVariable UUID id) {
        existing(id);
        return EndpointStateView.of(guards.getIfAvailable(), id);
    }

    @PostMapping("/test")
    @Operation(
            operationId = "sendTestEvent",
            summary = "Send a webhook.test event to this subscription only",
            description = "Queued like any delivery (signed, retried); follow it in the delivery log.")
    // springdoc documents this as the success status; the ResponseEntity sets it
    @ResponseStatus(HttpStatus.ACCEPTED)
    ResponseEntity<TestDelivery> test(@PathVariable UUID id) throws JsonProcessingException {
        existing(id);
        String eventId = UUID.randomUUID().toString();
        IntegrationEvent event = new IntegrationEvent(
                eventId,
                EventTypes.WEBHOOK_TEST,
                IntegrationEvent.VERSION,
                Instant.now(),
                null,
                new IntegrationEventData.Test("Test event from the order platform"));
        // sent later, by the dispatcher: it carries this request's correlation id and trace
        RequestContext request = RequestContext.current(tracer.getIfAvailable(), propagator.getIfAvailable());
        String correlationId = request.correlationId() != null ? request.correlationId() : eventId;
        UUID deliveryId = deliveries.enqueue(
                id,
                new IncomingEvent(
                        eventId,
                        event.type(),
                        null,
                        json.writeValueAsString(event),
                        correlationId,
                        request.traceparent()));
        dispatcher.ifAvailable(DeliveryDispatcher::wakeUp);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new TestDelivery(deliveryId, eventId));
    }

    private void existing(UUID id) {
        if (subscriptions.find(id).isEmpty()) {
            throw new ProblemException(WebhookProblem.WEBHOOK_SUBSCRIPTION_NOT_FOUND, "No webhook subscription " + id);
        }
    }

    /** The queued test delivery and the {@code webhook-id} it will carry. */
    record TestDelivery(UUID deliveryId, String webhookId) {}
}
