package org.orderplatform.api.order;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Places a new order. The order id is chosen by the caller (the REST API generates a UUID).
 * {@code paymentToken} refers to the customer's payment method at the provider (never card data).
 */
public record PlaceOrderCommand(
        @TargetAggregateIdentifier String orderId,
        String customerId,
        String currency,
        List<OrderLine> lines,
        ShippingAddress shippingAddress,
        String paymentToken) {}
