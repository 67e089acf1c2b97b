package org.orderplatform.webhooks.events;

import java.util.Optional;
import org.axonframework.eventhandling.EventMessage;
import org.orderplatform.api.order.OrderCancelled;
import org.orderplatform.api.order.OrderConfirmed;
import org.orderplatform.api.order.OrderDelivered;
import org.orderplatform.api.order.OrderLine;
import org.orderplatform.api.order.OrderPlaced;
import org.orderplatform.api.order.OrderShipped;
import org.orderplatform.api.order.ShippingAddress;
import org.orderplatform.api.order.ShippingAddressChanged;
import org.orderplatform.api.payment.PaymentAuthorized;
import org.orderplatform.api.payment.PaymentCaptured;
import org.orderplatform.api.payment.PaymentDeclined;
import org.orderplatform.api.payment.PaymentRefunded;
import org.orderplatform.api.payment.PaymentVoided;
import org.orderplatform.webhooks.events.IntegrationEventData.Address;
import org.orderplatform.webhooks.events.IntegrationEventData.Line;

/**
 * Domain event → integration event. Events with no public meaning (stock movements, payment
 * attempts and retries) map to nothing: they stay inside the platform.
 */
public final class IntegrationEventMapper {

    private IntegrationEventMapper() {}

    public static Optional<IntegrationEvent> map(EventMessage<?> message) {
        return Optional.ofNullable(data(message.getPayload()))
                .map(typed -> new IntegrationEvent(
                        message.getIdentifier(),
                        typed.type(),
                        IntegrationEvent.VERSION,
                        message.getTimestamp(),
                        typed.orderId(),
                        typed.data()));
    }

    /** The order an event belongs to, for events that map to an integration event. */
    public static Optional<String> orderIdOf(Object payload) {
        return Optional.ofNullable(data(payload)).map(Typed::orderId);
    }

    private record Typed(String type, String orderId, IntegrationEventData data) {}

    // Java 17: no pattern matching for switch yet, so a chain of instanceof.
    private static Typed data(Object payload) {
        if (payload instanceof OrderPlaced e) {
            return new Typed(EventTypes.ORDER_PLACED, e.orderId(), placed(e));
        } else if (payload instanceof OrderConfirmed e) {
            return new Typed(EventTypes.ORDER_CONFIRMED, e.orderId(), new IntegrationEventData.OrderConfirmed());
        } else if (payload instanceof OrderShipped e) {
            return new Typed(EventTypes.ORDER_SHIPPED, e.orderId(), new IntegrationEventData.OrderShipped());
        } else if (payload instanceof OrderDelivered e) {
            return new Typed(EventTypes.ORDER_DELIVERED, e.orderId(), new IntegrationEventData.OrderDelivered());
        } else if (payload instanceof OrderCancelled e) {
            return new Typed(
                    EventTypes.ORDER_CANCELLED,
                    e.orderId(),
                    new IntegrationEventData.OrderCancelled(
                            e.reason().name(), e.comment(), e.cancelledBy().name()));
        } else if (payload instanceof ShippingAddressChanged e) {
            return new Typed(
                    EventTypes.ORDER_SHIPPING_ADDRESS_CHANGED,
                    e.orderId(),
                    new IntegrationEventData.ShippingAddressChanged(address(e.shippingAddress())));
        } else if (payload instanceof PaymentAuthorized e) {
            return new Typed(
                    EventTypes.PAYMENT_AUTHORIZED,
                    e.orderId(),
                    new IntegrationEventData.PaymentAuthorized(e.paymentId(), e.amountMinor(), e.currency()));
        } else if (payload instanceof PaymentDeclined e) {
            return new Typed(
                    EventTypes.PAYMENT_DECLINED,
                    e.orderId(),
                    new IntegrationEventData.PaymentDeclined(e.paymentId(), e.reason()));
        } else if (payload instanceof PaymentCaptured e) {
            return new Typed(
                    EventTypes.PAYMENT_CAPTURED, e.orderId(), new IntegrationEventData.PaymentCaptured(e.paymentId()));
        } else if (payload instanceof PaymentVoided e) {
            return new Typed(
                    EventTypes.PAYMENT_VOIDED,
                    e.orderId(),
                    new IntegrationEventData.PaymentVoided(e.paymentId(), e.reason()));
        } else if (payload instanceof PaymentRefunded e) {
            return new Typed(
                    EventTypes.PAYMENT_REFUNDED,
                    e.orderId(),
                    new IntegrationEventData.PaymentRefunded(e.paymentId(), e.reason()));
        }
        return null;
    }

    private static IntegrationEventData.OrderPlaced placed(OrderPlaced e) {
        return new IntegrationEventData.OrderPlaced(
                e.customerId(),
                e.currency(),
                e.totalMinor(),
                e.lines().stream().map(IntegrationEventMapper::line).toList(),
                address(e.shippingAddress()));
    }

    private static Line line(OrderLine line) {
        return new Line(line.sku(), line.quantity(), line.unitPriceMinor());
    }

    private static Address address(ShippingAddress a) {
        return a == null
                ? null
                : new Address(a.recipient(), a.line1(), a.line2(), a.city(), a.region(), a.postalCode(), a.country());
    }
}
