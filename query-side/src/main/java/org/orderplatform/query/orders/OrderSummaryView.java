package org.orderplatform.query.orders;

import java.time.Instant;

/** One order in a list: amounts in minor units of {@code currency}. */
public record OrderSummaryView(
        String orderId,
        String customerId,
        String status,
        long totalMinor,
        String currency,
        int lineCount,
        Instant createdAt,
        Instant updatedAt,
        long version) {}
