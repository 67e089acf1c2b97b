package org.orderplatform.query.orders;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.orderplatform.api.payment.PaymentIds;
import org.orderplatform.query.QueryProblem;
import org.orderplatform.web.correlation.CorrelationId;
import org.orderplatform.web.problem.ProblemException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * An order's events as stored, for operators (admin scope): unlike the read model's timeline,
 * with the payment's events and every event's correlation id, and current the moment it is
 * written. Reads two event streams by aggregate id from the primary, so it is cheap, but it is
 * not the customer-facing read (that is {@code GET /api/v1/orders/{id}}).
 */
@RestController
@Tag(name = "Admin: orders", description = "An order's stored events (admin scope)")
class OrderEventHistoryController {

    /** The payment's state after each of its events; an operation that failed changes nothing. */
    private static final Map<String, String> PAYMENT_STATES = Map.of(
            "PaymentAuthorizationRequested", "authorization-requested",
            "PaymentAuthorized", "authorized",
            "PaymentDeclined", "declined",
            "PaymentAuthorizationFailed", "authorization-failed",
            "PaymentCaptured", "captured",
            "PaymentVoided", "voided",
            "PaymentRefunded", "refunded");

    private final EventStore events;
    private final ObjectMapper json;

    OrderEventHistoryController(EventStore events, ObjectMapper json) {
        this.events = events;
        this.json = json;
    }

    @GetMapping(path = "/admin/orders/{orderId}/events", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            operationId = "getOrderEventHistory",
            summary = "An order's stored events, with its payment's",
            description = "Oldest first, each with its correlation id; and the payment's state by its latest event.")
    @ApiResponse(responseCode = "200", description = "The order's events")
    @ApiResponse(responseCode = "404", description = "No order has this id")
    OrderEventHistory history(@PathVariable String orderId) {
        List<OrderEventHistory.Entry> order = read("order", "Order", orderId);
        if (order.isEmpty()) {
            throw new ProblemException(QueryProblem.ORDER_NOT_FOUND, "No order with id " + orderId);
        }
        List<OrderEventHistory.Entry> payment = read("payment", "Payment", PaymentIds.of(orderId));
        String paymentState = null;
        for (OrderEventHistory.Entry entry : payment) {
            paymentState = PAYMENT_STATES.getOrDefault(entry.type(), paymentState);
        }
        List<OrderEventHistory.Entry> all = new ArrayList<>(order);
        all.addAll(payment);
        // two streams, one story: by when each event happened (stable: each stream is in order)
        all.sort(Comparator.comparing(OrderEventHistory.Entry::occurredAt));
        return new OrderEventHistory(orderId, paymentState, all);
    }

    /**
     * Every event of the aggregate from its first, never a snapshot in their place; of its type
     * only (any aggregate's id would read, a payment's given as an order's among them).
     */
    private List<OrderEventHistory.Entry> read(String aggregate, String type, String aggregateId) {
        return events.readEvents(aggregateId, 0)
                .asStream()
                .filter(event -> type.equals(event.getType()))
                .map(event -> entry(aggregate, event))
                .toList();
    }

    private OrderEventHistory.Entry entry(String aggregate, DomainEventMessage<?> event) {
        Object correlationId = event.getMetaData().get(CorrelationId.KEY);
        return new OrderEventHistory.Entry(
                aggregate,
                event.getSequenceNumber(),
                event.getIdentifier(),
                event.getPayloadType().getSimpleName(),
                event.getTimestamp(),
                correlationId == null ? null : correlationId.toString(),
                json.valueToTree(event.getPayload()));
    }
}
