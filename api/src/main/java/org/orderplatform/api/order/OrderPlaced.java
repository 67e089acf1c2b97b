package org.orderplatform.api.order;

import java.util.List;

/**
 * An order was accepted. Carries everything a read model needs, including the computed total, so
 * that no projection has to repeat the aggregate's arithmetic. When it happened is the event
 * message's timestamp, not a field. {@code paymentToken} is a reference at the payment provider
 * (never card data); null in events written before payments existed means the default method.
 */
public record OrderPlaced(
        String orderId,
        String customerId,
        String currency,
        List<OrderLine> lines,
        ShippingAddress shippingAddress,
        long totalMinor,
        String paymentToken) {}
