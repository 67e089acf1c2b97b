package org.orderplatform.webhooks.events;

import java.util.List;
import java.util.Set;

/** The integration event types a subscription may filter on. */
public final class EventTypes {

    public static final String ORDER_PLACED = "order.placed";
    public static final String ORDER_CONFIRMED = "order.confirmed";
    public static final String ORDER_SHIPPED = "order.shipped";
    public static final String ORDER_DELIVERED = "order.delivered";
    public static final String ORDER_CANCELLED = "order.cancelled";
    public static final String ORDER_SHIPPING_ADDRESS_CHANGED = "order.shipping_address_changed";
    public static final String PAYMENT_AUTHORIZED = "payment.authorized";
    public static final String PAYMENT_DECLINED = "payment.declined";
    public static final String PAYMENT_CAPTURED = "payment.captured";
    public static final String PAYMENT_VOIDED = "payment.voided";
    public static final String PAYMENT_REFUNDED = "payment.refunded";
    /** Only ever sent to the subscription that asked for it. */
    public static final String WEBHOOK_TEST = "webhook.test";

    public static final List<String> ALL = List.of(
            ORDER_PLACED,
            ORDER_CONFIRMED,
            ORDER_SHIPPED,
            ORDER_DELIVERED,
            ORDER_CANCELLED,
            ORDER_SHIPPING_ADDRESS_CHANGED,
            PAYMENT_AUTHORIZED,
            PAYMENT_DECLINED,
            PAYMENT_CAPTURED,
            PAYMENT_VOIDED,
            PAYMENT_REFUNDED);

    private static final Set<String> KNOWN = Set.copyOf(ALL);

    private EventTypes() {}

    public static boolean isKnown(String type) {
        return KNOWN.contains(type);
    }
}
