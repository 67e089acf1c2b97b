package org.orderplatform.api.order;

/** Why an order was cancelled; part of {@link OrderCancelled} so read models and webhooks can tell. */
public enum CancellationReason {
    CUSTOMER_REQUEST,
    OUT_OF_STOCK,
    PAYMENT_DECLINED,
    PAYMENT_TIMEOUT
}
