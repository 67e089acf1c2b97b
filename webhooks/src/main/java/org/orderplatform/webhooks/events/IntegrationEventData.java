package org.orderplatform.webhooks.events;

import java.util.List;

/**
 * The {@code data} of each integration event type, version 1. Only what a subscriber needs:
 * never payment tokens or other secrets. Money is an amount in minor units plus an ISO currency.
 */
public sealed interface IntegrationEventData {

    record OrderPlaced(String customerId, String currency, long totalMinor, List<Line> lines, Address shippingAddress)
            implements IntegrationEventData {}

    record OrderConfirmed() implements IntegrationEventData {}

    record OrderShipped() implements IntegrationEventData {}

    record OrderDelivered() implements IntegrationEventData {}

    /** {@code cancelledBy}: CUSTOMER or PLATFORM (added in place: additions keep version 1). */
    record OrderCancelled(String reason, String comment, String cancelledBy) implements IntegrationEventData {}

    record ShippingAddressChanged(Address shippingAddress) implements IntegrationEventData {}

    record PaymentAuthorized(String paymentId, long amountMinor, String currency) implements IntegrationEventData {}

    record PaymentDeclined(String paymentId, String reason) implements IntegrationEventData {}

    record PaymentCaptured(String paymentId) implements IntegrationEventData {}

    record PaymentVoided(String paymentId, String reason) implements IntegrationEventData {}

    record PaymentRefunded(String paymentId, String reason) implements IntegrationEventData {}

    /** Sent by {@code POST /api/v1/webhook-subscriptions/{id}/test}; no order behind it. */
    record Test(String message) implements IntegrationEventData {}

    record Line(String sku, int quantity, long unitPriceMinor) {}

    record Address(
            String recipient,
            String line1,
            String line2,
            String city,
            String region,
            String postalCode,
            String country) {}
}
