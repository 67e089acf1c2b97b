package org.orderplatform.command.payment;

/** Where a payment stands; NEW until the provider answered an authorization. */
enum PaymentStatus {
    NEW,
    AUTHORIZED,
    DECLINED,
    CAPTURED,
    VOIDED,
    REFUNDED
}
