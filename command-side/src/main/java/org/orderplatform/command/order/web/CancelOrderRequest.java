package org.orderplatform.command.order.web;

import static org.orderplatform.api.order.OrderLimits.MAX_COMMENT_LENGTH;

import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/v1/orders/{id}/cancellation}; the body and its comment are optional. */
record CancelOrderRequest(@Size(max = MAX_COMMENT_LENGTH) String comment) {}
