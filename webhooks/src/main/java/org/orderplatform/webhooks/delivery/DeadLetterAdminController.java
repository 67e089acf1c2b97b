package org.orderplatform.webhooks.delivery;

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
import org.orderplatform.webhooks.web.Keyset;
import org.orderplatform.webhooks.web.Page;
import org.orderplatform.webhooks.web.PageRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/admin/webhooks/dead-letters", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Admin: webhook dead letters", description = "Deliveries that ran out of attempts; redrive")
class DeadLetterAdminController {

    private static final int MAX_IDS = 1000;

    private final WebhookDeadLetters deadLetters;
    private final ObjectProvider<DeliveryDispatcher> dispatcher;
    private final Cursors cursors;

    DeadLetterAdminController(
            WebhookDeadLetters deadLetters, ObjectProvider<DeliveryDispatcher> dispatcher, Cursors cursors) {
        this.cursors = cursors;
        this.deadLetters = deadLetters;
        this.dispatcher = dispatcher;
    }

    @GetMapping
    @Operation(
            operationId = "listWebhookDeadLetters",
            summary = "Dead letters, oldest first (keyset pages), optionally of one subscription")
    @ApiResponse(
            responseCode = "200",
            description = "A page of dead letters",
            headers =
                    @Header(
                            name = HttpHeaders.LINK,
                            description = "The next page (rel=\"next\"), if there is one",
                            schema = @Schema(type = "string")))
    ResponseEntity<Page<DeadLetterView>> list(
            @RequestParam(required = false) UUID subscriptionId,
            @Parameter(description = "1-100, default 20") @RequestParam(required = false) String limit,
            @RequestParam(required = false) String cursor) {
        var page = PageRequest.parse(limit, cursor, cursors);
        return page.respond(
                deadLetters.page(subscriptionId, page.after(), page.fetchSize()),
                letter -> new Keyset(letter.deadAt(), letter.deliveryId()));
    }

    @PostMapping("/redrive")
    @Operation(
            operationId = "redriveWebhookDeadLetters",
            summary = "Queue dead deliveries again",
            description = "By deliveryIds (one or a list) or all of a subscriptionId. They are sent again with"
                    + " the same webhook-id, from the start of the retry schedule. Deliveries of a paused or"
                    + " disabled subscription wait until it is resumed.")
    RedriveResult redrive(@RequestBody RedriveRequest request) {
        boolean byIds = request.deliveryIds() != null;
        if (byIds == (request.subscriptionId() != null)) {
            throw new ProblemException(
                    WebhookProblem.WEBHOOK_REDRIVE_INVALID,
                    "Give either deliveryIds or subscriptionId, not both or neither");
        }
        if (byIds && (request.deliveryIds().isEmpty() || request.deliveryIds().size() > MAX_IDS)) {
            throw new ProblemException(
                    WebhookProblem.WEBHOOK_REDRIVE_INVALID, "deliveryIds must list 1 to " + MAX_IDS + " ids");
        }
        if (byIds && request.deliveryIds().contains(null)) {
            throw new ProblemException(WebhookProblem.WEBHOOK_REDRIVE_INVALID, "deliveryIds must not contain null");
        }
        int requeued = deadLetters.redrive(request.deliveryIds(), request.subscriptionId());
        dispatcher.ifAvailable(DeliveryDispatcher::wakeUp);
        return new RedriveResult(requeued);
    }

    /** How many dead letters went back to the queue (ids that were not dead letters are skipped). */
    record RedriveResult(int requeued) {}
}
