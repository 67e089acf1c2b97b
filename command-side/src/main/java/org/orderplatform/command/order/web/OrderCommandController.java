package org.orderplatform.command.order.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.orderplatform.api.order.CancelOrderByCustomerCommand;
import org.orderplatform.api.order.ChangeShippingAddressCommand;
import org.orderplatform.api.order.MarkOrderDeliveredCommand;
import org.orderplatform.api.order.MarkOrderShippedCommand;
import org.orderplatform.web.http.EntityTags;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Order commands over HTTP. Every answer carries the order's new version as {@code ETag}; changes
 * to an existing order must send that version back in {@code If-Match}.
 */
@RestController
@RequestMapping(path = "/api/v1/orders", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Order commands", description = "Place, change and cancel orders")
class OrderCommandController {

    /** Changes to an existing order are an operator's, not a customer-bound key's. */
    private static final String OPERATOR = "@customerAccess.operator()";

    private static final String IF_MATCH_DOC = "The ETag (version) this change is based on, e.g. \"0\"; * for any.";

    private final CommandGateway commands;
    private final ConsistencyTokens consistency;

    OrderCommandController(CommandGateway commands, ConsistencyTokens consistency) {
        this.commands = commands;
        this.consistency = consistency;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            operationId = "placeOrder",
            summary = "Place an order",
            description =
                    "201 with Location and ETag; retries with the same " + "Idempotency-Key replay the first response.")
    // springdoc documents this as the success status; the ResponseEntity sets it
    @ResponseStatus(HttpStatus.CREATED)
    @ApiResponse(
            responseCode = "201",
            description = "Placed: the order's id, version 0 and consistency token",
            headers = {
                @Header(
                        name = HttpHeaders.LOCATION,
                        required = true,
                        description = "The order",
                        schema = @Schema(type = "string", format = "uri")),
                @Header(
                        name = HttpHeaders.ETAG,
                        required = true,
                        description = "The order's version",
                        schema = @Schema(type = "string", example = "\"0\"")),
                @Header(
                        name = ConsistencyTokens.HEADER,
                        required = true,
                        description = "Send it back on a query to read the new order",
                        schema = @Schema(type = "integer", format = "int64", example = "5"))
            })
    @PreAuthorize("@customerAccess.actsFor(#request.customerId())")
    ResponseEntity<OrderWriteResult> place(@Valid @RequestBody PlaceOrderRequest request) {
        String orderId = UUID.randomUUID().toString();
        long version = commands.sendAndWait(request.toCommand(orderId));
        URI location = ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/api/v1/orders/{id}")
                .buildAndExpand(orderId)
                .toUri();
        long token = consistency.after(orderId);
        return ResponseEntity.created(location)
                .header(HttpHeaders.ETAG, EntityTags.of(version))
                .header(ConsistencyTokens.HEADER, String.valueOf(token))
                .body(new OrderWriteResult(orderId, version, token));
    }

    @PutMapping(path = "/{orderId}/shipping-address", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            operationId = "changeShippingAddress",
            summary = "Change the shipping address",
            description = "Needs If-Match; 412 if the order changed since, 409 once it is shipped or cancelled.")
    @OrderChangeResponses
    @PreAuthorize(OPERATOR)
    ResponseEntity<OrderWriteResult> changeShippingAddress(
            @PathVariable String orderId,
            @Parameter(required = true, description = IF_MATCH_DOC, example = "\"0\"")
                    @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                    String ifMatch,
            @Valid @RequestBody ShippingAddressRequest request) {
        Long expected = EntityTags.requiredVersion(ifMatch);
        long version = commands.sendAndWait(new ChangeShippingAddressCommand(orderId, expected, request.toAddress()));
        return written(orderId, version);
    }

    @PostMapping(path = "/{orderId}/cancellation")
    @Operation(
            operationId = "cancelOrder",
            summary = "Cancel an order (by the customer)",
            description = "Needs If-Match; 409 if the order " + "can no longer be cancelled.")
    @OrderChangeResponses
    @PreAuthorize(OPERATOR)
    ResponseEntity<OrderWriteResult> cancel(
            @PathVariable String orderId,
            @Parameter(required = true, description = IF_MATCH_DOC, example = "\"0\"")
                    @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                    String ifMatch,
            @Valid @RequestBody(required = false) CancelOrderRequest request) {
        Long expected = EntityTags.requiredVersion(ifMatch);
        String comment = request == null ? null : request.comment();
        long version = commands.sendAndWait(new CancelOrderByCustomerCommand(orderId, expected, comment));
        return written(orderId, version);
    }

    @PostMapping(path = "/{orderId}/shipment")
    @Operation(
            operationId = "shipOrder",
            summary = "Mark the order shipped",
            description = "Needs If-Match. Only a confirmed order can "
                    + "ship; the payment is captured and the stock committed. 409 otherwise.")
    @OrderChangeResponses
    @PreAuthorize(OPERATOR)
    ResponseEntity<OrderWriteResult> ship(
            @PathVariable String orderId,
            @Parameter(required = true, description = IF_MATCH_DOC, example = "\"0\"")
                    @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                    String ifMatch) {
        Long expected = EntityTags.requiredVersion(ifMatch);
        long version = commands.sendAndWait(new MarkOrderShippedCommand(orderId, expected));
        return written(orderId, version);
    }

    @PostMapping(path = "/{orderId}/delivery")
    @Operation(
            operationId = "deliverOrder",
            summary = "Mark the order delivered",
            description = "Needs If-Match. Only a shipped order. 409 otherwise.")
    @OrderChangeResponses
    @PreAuthorize(OPERATOR)
    ResponseEntity<OrderWriteResult> deliver(
            @PathVariable String orderId,
            @Parameter(required = true, description = IF_MATCH_DOC, example = "\"0\"")
                    @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                    String ifMatch) {
        Long expected = EntityTags.requiredVersion(ifMatch);
        long version = commands.sendAndWait(new MarkOrderDeliveredCommand(orderId, expected));
        return written(orderId, version);
    }

    private ResponseEntity<OrderWriteResult> written(String orderId, long version) {
        long token = consistency.after(orderId);
        return ResponseEntity.ok()
                .header(HttpHeaders.ETAG, EntityTags.of(version))
                .header(ConsistencyTokens.HEADER, String.valueOf(token))
                .body(new OrderWriteResult(orderId, version, token));
    }
}
