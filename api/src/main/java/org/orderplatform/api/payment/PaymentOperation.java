package org.orderplatform.api.payment;

/** What the platform asked the provider to do with an authorized payment. */
public enum PaymentOperation {
    CAPTURE,
    VOID,
    REFUND
}
