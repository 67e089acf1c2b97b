package org.orderplatform.query.orders;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.orderplatform.query.consistency.ReadConsistency;
import org.orderplatform.query.replica.ReadSources;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The orders, version 2: the same reads, rules (filters, keyset cursors, read-your-writes, ETags,
 * customer keys) and answers as v1, in the v2 representation ({@link OrderV2}). Built on the v1
 * controller, so the two versions cannot drift apart in behaviour, only in shape.
 */
@RestController
@RequestMapping(path = "/api/v2/orders", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Orders (v2)", description = "Money as {amount, currency}, status objects, cursor envelopes")
class OrderQueryControllerV2 {

    private final OrderQueryController v1;

    OrderQueryControllerV2(OrderQueryController v1) {
        this.v1 = v1;
    }

    @GetMapping
    @ApiResponse(
            responseCode = "200",
            description = "A page of orders",
            headers = {
                @Header(
                        name = ReadConsistency.RESULT_HEADER,
                        description = "With X-Consistency-Token: whether the answer includes that write",
                        schema =
                                @Schema(
                                        type = "string",
                                        allowableValues = {"fresh", "stale"})),
                @Header(
                        name = ReadSources.HEADER,
                        description = "With a read replica (ORDERS_DB_READ_URL): where the answer was read",
                        schema =
                                @Schema(
                                        type = "string",
                                        allowableValues = {"primary", "replica"})),
                @Header(
                        name = HttpHeaders.LINK,
                        description = "The next and previous pages (rel=\"next\", rel=\"prev\")",
                        schema = @Schema(type = "string"))
            })
    @Operation(
            operationId = "listOrders",
            summary = "List orders",
            description =
                    "Newest first by default; pass page.nextCursor (or prevCursor) back as cursor, with the same filters.")
    ResponseEntity<OrderV2.Page> list(
            @RequestParam(required = false) String customerId,
            @RequestParam(required = false) String status,
            @Parameter(description = "inclusive, ISO-8601") @RequestParam(required = false) String createdFrom,
            @Parameter(description = "exclusive, ISO-8601") @RequestParam(required = false) String createdTo,
            @Parameter(description = "1-100, default 20") @RequestParam(required = false) String limit,
            @RequestParam(required = false) String cursor,
            @Parameter(description = "-createdAt (default) or createdAt") @RequestParam(required = false) String sort,
            @RequestHeader(name = ReadConsistency.TOKEN_HEADER, required = false) String consistencyToken) {
        ResponseEntity<OrderPage> page =
                v1.list(customerId, status, createdFrom, createdTo, limit, cursor, sort, consistencyToken);
        OrderPage body = page.getBody();
        int size = limit == null ? OrderListParameters.DEFAULT_LIMIT : Integer.parseInt(limit);
        return ResponseEntity.status(page.getStatusCode())
                .headers(page.getHeaders())
                .body(new OrderV2.Page(
                        body.items().stream().map(OrderV2.Summary::of).toList(),
                        new OrderV2.PageInfo(
                                size,
                                cursorOf(body.links().next()),
                                cursorOf(body.links().prev()))));
    }

    @GetMapping("/{orderId}")
    @Operation(
            operationId = "getOrder",
            summary = "Read an order",
            description = "ETag is the order's version; If-None-Match answers 304.")
    @ApiResponse(
            responseCode = "200",
            description = "The order",
            headers = {
                @Header(
                        name = HttpHeaders.ETAG,
                        required = true,
                        description = "The order's version",
                        schema = @Schema(type = "string", example = "\"3\"")),
                @Header(
                        name = ReadConsistency.RESULT_HEADER,
                        description = "With X-Consistency-Token: whether the answer includes that write",
                        schema =
                                @Schema(
                                        type = "string",
                                        allowableValues = {"fresh", "stale"})),
                @Header(
                        name = ReadSources.HEADER,
                        description = "With a read replica (ORDERS_DB_READ_URL): where the answer was read",
                        schema =
                                @Schema(
                                        type = "string",
                                        allowableValues = {"primary", "replica"}))
            })
    @NotModifiedResponse
    ResponseEntity<OrderV2.Detail> get(
            @PathVariable String orderId,
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
            @RequestHeader(name = ReadConsistency.TOKEN_HEADER, required = false) String consistencyToken) {
        ResponseEntity<OrderDetailView> order = v1.get(orderId, ifNoneMatch, consistencyToken);
        var response = ResponseEntity.status(order.getStatusCode()).headers(order.getHeaders());
        return order.getBody() == null ? response.build() : response.body(OrderV2.Detail.of(order.getBody()));
    }

    private static String cursorOf(String link) {
        return link == null
                ? null
                : UriComponentsBuilder.fromUriString(link)
                        .build()
                        .getQueryParams()
                        .getFirst("cursor");
    }
}
