package org.orderplatform.query.orders;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Optional;
import org.orderplatform.query.QueryProblem;
import org.orderplatform.query.consistency.ReadConsistency;
import org.orderplatform.query.projection.ReadModel;
import org.orderplatform.query.replica.ReadSources;
import org.orderplatform.web.auth.CustomerAccess;
import org.orderplatform.web.cursor.Cursors;
import org.orderplatform.web.http.EntityTags;
import org.orderplatform.web.problem.ProblemException;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Orders as the read models have them: a paginated, filtered list, and one order with its timeline. */
@RestController
@RequestMapping(path = "/api/v1/orders", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Order queries", description = "List and read orders (eventually consistent; see X-Consistency-Token)")
class OrderQueryController {

    private static final String CONSISTENCY_DOC = "The consistencyToken of a command: wait (up to 2 s) until "
            + "this read model includes that command's changes. The answer's X-Read-Consistency says fresh or stale.";

    private final OrderReads reads;
    private final ReadConsistency consistency;
    private final ReadSources sources;
    private final Cursors cursors;
    private final CustomerAccess customers;

    OrderQueryController(
            OrderReads reads,
            ReadConsistency consistency,
            ReadSources sources,
            Cursors cursors,
            CustomerAccess customers) {
        this.sources = sources;
        this.reads = reads;
        this.consistency = consistency;
        this.cursors = cursors;
        this.customers = customers;
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
                        name = "Deprecation",
                        required = true,
                        description = "When v1 was deprecated (RFC 9745)",
                        schema = @Schema(type = "string", example = "@1796083200")),
                @Header(
                        name = "Sunset",
                        required = true,
                        description = "When v1 goes (RFC 8594)",
                        schema = @Schema(type = "string", example = "Wed, 30 Jun 2027 00:00:00 GMT")),
                @Header(
                        name = HttpHeaders.LINK,
                        required = true,
                        description = "The v2 resource (rel=\"successor-version\"; on a page, after its links)",
                        schema = @Schema(type = "string"))
            })
    @Operation(
            operationId = "listOrdersV1",
            summary = "List orders",
            description = "Keyset pagination, newest first by default. Follow the "
                    + "next/prev links (also in the Link header); a cursor only works with the filters it came with.")
    @PreAuthorize("@customerAccess.actsFor(#customerId)")
    ResponseEntity<OrderPage> list(
            @RequestParam(required = false) String customerId,
            @Parameter(description = "PLACED or CANCELLED") @RequestParam(required = false) String status,
            @Parameter(description = "inclusive, ISO-8601") @RequestParam(required = false) String createdFrom,
            @Parameter(description = "exclusive, ISO-8601") @RequestParam(required = false) String createdTo,
            @Parameter(description = "1-100, default 20") @RequestParam(required = false) String limit,
            @RequestParam(required = false) String cursor,
            @Parameter(description = "-createdAt (default) or createdAt") @RequestParam(required = false) String sort,
            @Parameter(description = CONSISTENCY_DOC)
                    @RequestHeader(name = ReadConsistency.TOKEN_HEADER, required = false)
                    String consistencyToken) {
        // a customer's key lists that customer's orders only
        String customer =
                customerId != null ? customerId : customers.boundCustomer().orElse(null);
        var query = OrderListParameters.parse(customer, status, createdFrom, createdTo, limit, cursor, sort, cursors);
        String freshness = consistency.await(ReadModel.ORDER_SUMMARY, consistencyToken);
        // one more than asked tells whether there is a page beyond this one
        var rows = sources.read(
                sources.pick(freshness), jdbc -> reads.page(jdbc, query.filter(), query.cursor(), query.limit() + 1));
        OrderPage page = paginate(query, rows.value());
        var response = sources.mark(ResponseEntity.ok(), rows.source());
        String links = linkHeader(page.links());
        if (!links.isEmpty()) {
            response.header(HttpHeaders.LINK, links);
        }
        return ReadConsistency.mark(response, freshness).body(page);
    }

    @GetMapping("/{orderId}")
    @Operation(
            operationId = "getOrderV1",
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
                                        allowableValues = {"primary", "replica"})),
                @Header(
                        name = "Deprecation",
                        required = true,
                        description = "When v1 was deprecated (RFC 9745)",
                        schema = @Schema(type = "string", example = "@1796083200")),
                @Header(
                        name = "Sunset",
                        required = true,
                        description = "When v1 goes (RFC 8594)",
                        schema = @Schema(type = "string", example = "Wed, 30 Jun 2027 00:00:00 GMT")),
                @Header(
                        name = HttpHeaders.LINK,
                        required = true,
                        description = "The v2 resource (rel=\"successor-version\"; on a page, after its links)",
                        schema = @Schema(type = "string"))
            })
    @NotModifiedResponse
    ResponseEntity<OrderDetailView> get(
            @PathVariable String orderId,
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
            @Parameter(description = CONSISTENCY_DOC)
                    @RequestHeader(name = ReadConsistency.TOKEN_HEADER, required = false)
                    String consistencyToken) {
        String freshness = consistency.await(ReadModel.ORDER_DETAIL, consistencyToken);
        var read = sources.read(sources.pick(freshness), jdbc -> reads.detail(jdbc, orderId));
        Optional<OrderDetailView> stored = read.value();
        boolean parked = consistency.parked(ReadModel.ORDER_DETAIL, orderId);
        if (parked) {
            freshness = "stale";
        }
        if (stored.isEmpty() && "stale".equals(freshness)) {
            throw sources.mark(notYetShown(orderId, parked), read.source());
        }
        // another customer's order is not found, as if it did not exist
        OrderDetailView order = stored.filter(found -> customers
                        .boundCustomer()
                        .map(found.customerId()::equals)
                        .orElse(true))
                .orElseThrow(() -> sources.mark(
                        new ProblemException(QueryProblem.ORDER_NOT_FOUND, "No order with id " + orderId),
                        read.source()));
        boolean unchanged = EntityTags.noneMatchHits(ifNoneMatch, order.version());
        // no-cache: clients may keep it, but must revalidate (cheap, with If-None-Match)
        var response = ResponseEntity.status(unchanged ? HttpStatus.NOT_MODIFIED : HttpStatus.OK)
                .eTag(EntityTags.of(order.version()))
                .cacheControl(CacheControl.noCache().cachePrivate());
        ReadConsistency.mark(response, freshness);
        sources.mark(response, read.source());
        return unchanged ? response.build() : response.body(order);
    }

    /**
     * A 404 that says it may not be the last word: the read model has not taken the order's
     * events, because they are parked in its dead-letter queue or the wait for a consistency
     * token ran out. The order may well exist. Only its id is revealed, to any caller: the read
     * model does not know whose order it is.
     */
    private static ProblemException notYetShown(String orderId, boolean parked) {
        String why = parked
                ? "could not take this order's events: they are parked for an operator to retry"
                : "has not caught up with this order yet";
        ProblemException notFound = new ProblemException(
                QueryProblem.ORDER_NOT_FOUND, "No order with id " + orderId + " in the read model, which " + why);
        notFound.getHeaders().set(ReadConsistency.RESULT_HEADER, "stale");
        return notFound;
    }

    private OrderPage paginate(OrderListParameters.Parsed query, List<OrderSummaryView> rows) {
        boolean backward = query.cursor() != null && query.cursor().direction() == PageCursor.Direction.PREV;
        boolean more = rows.size() > query.limit();
        // the extra row lies beyond the page: after it going forward, before it going backward
        List<OrderSummaryView> items =
                !more ? rows : backward ? rows.subList(1, rows.size()) : rows.subList(0, query.limit());
        String fingerprint = query.filter().fingerprint();
        if (items.isEmpty()) {
            // nothing beyond the cursor: the only way is back, to the page that ends with its key
            PageCursor cursor = query.cursor();
            if (cursor == null) {
                return new OrderPage(items, new OrderPage.Links(null, null));
            }
            PageCursor.Direction back = backward ? PageCursor.Direction.NEXT : PageCursor.Direction.PREV;
            String link = link(new PageCursor(cursor.createdAt(), cursor.orderId(), back, fingerprint, true));
            return new OrderPage(items, backward ? new OrderPage.Links(link, null) : new OrderPage.Links(null, link));
        }
        boolean hasNext = backward || more;
        boolean hasPrev = backward ? more : query.cursor() != null;
        OrderSummaryView first = items.get(0);
        OrderSummaryView last = items.get(items.size() - 1);
        String next = hasNext
                ? link(new PageCursor(last.createdAt(), last.orderId(), PageCursor.Direction.NEXT, fingerprint))
                : null;
        String prev = hasPrev
                ? link(new PageCursor(first.createdAt(), first.orderId(), PageCursor.Direction.PREV, fingerprint))
                : null;
        return new OrderPage(items, new OrderPage.Links(next, prev));
    }

    private String link(PageCursor cursor) {
        return ServletUriComponentsBuilder.fromCurrentRequest()
                .replaceQueryParam("cursor", cursor.encode(cursors))
                .build()
                .toUriString();
    }

    /** RFC 8288: {@code <url>; rel="next", <url>; rel="prev"}. */
    private static String linkHeader(OrderPage.Links links) {
        StringBuilder header = new StringBuilder();
        if (links.next() != null) {
            header.append('<').append(links.next()).append(">; rel=\"next\"");
        }
        if (links.prev() != null) {
            header.append(header.isEmpty() ? "" : ", ")
                    .append('<')
                    .append(links.prev())
                    .append(">; rel=\"prev\"");
        }
        return header.toString();
    }
}
