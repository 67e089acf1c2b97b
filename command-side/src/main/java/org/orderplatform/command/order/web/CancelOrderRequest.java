package org.orderplatform.command.order.web;

import static org.orderplatform.api.order.OrderLimits.MAX_COMMENT_LENGTH;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/v1/orders/{id}/cancellation}; the body and its comment are optional. */
record CancelOrderRequest(
        @Schema(nullable = true, example = "ordered twice by mistake") @Size(max = MAX_COMMENT_LENGTH)
        String comment) {}
