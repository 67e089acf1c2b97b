package org.orderplatform.webhooks.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;
import org.orderplatform.api.order.CancellationReason;
import org.orderplatform.api.order.OrderCancelled;
import org.orderplatform.api.order.OrderLine;
import org.orderplatform.api.order.OrderPlaced;
import org.orderplatform.api.order.ShippingAddress;
import org.orderplatform.api.payment.PaymentAuthorized;
import org.orderplatform.api.stock.StockReserved;

class IntegrationEventMapperTest {

    @Test
    void mapsAPlacedOrderWithTheDomainEventsIdAndTimeAndWithoutThePaymentToken() {
        var placed = new OrderPlaced(
                "order-1",
                "customer-1",
                "EUR",
                List.of(new OrderLine("SKU-1", 2, 500)),
                new ShippingAddress("Ada", "Street 1", null, "Berlin", null, "10117", "DE"),
                1000,
                "tok_secret");
        var message = new GenericDomainEventMessage<>("Order", "order-1", 0, placed);

        IntegrationEvent event = IntegrationEventMapper.map(message).orElseThrow();

        assertThat(event.id()).isEqualTo(message.getIdentifier());
        assertThat(event.occurredAt()).isEqualTo(message.getTimestamp());
        assertThat(event.type()).isEqualTo(EventTypes.ORDER_PLACED);
        assertThat(event.version()).isEqualTo(1);
        assertThat(event.orderId()).isEqualTo("order-1");
        assertThat(event.data()).isInstanceOf(IntegrationEventData.OrderPlaced.class);
        assertThat(event.data().toString()).doesNotContain("tok_secret");
    }

    @Test
    void mapsPaymentEventsToTheirOrder() {
        var authorized = new PaymentAuthorized("payment:order-2", "order-2", "auth-1", 1000, "EUR");

        IntegrationEvent event = IntegrationEventMapper.map(GenericEventMessage.asEventMessage(authorized))
                .orElseThrow();

        assertThat(event.type()).isEqualTo(EventTypes.PAYMENT_AUTHORIZED);
        assertThat(event.orderId()).isEqualTo("order-2");
    }

    @Test
    void keepsInternalEventsInside() {
        var reserved = GenericEventMessage.asEventMessage(new StockReserved("stock:SKU-1", "SKU-1", "order-3", 1, 9));

        assertThat(IntegrationEventMapper.map(reserved)).isEmpty();
        assertThat(IntegrationEventMapper.orderIdOf(reserved.getPayload())).isEmpty();
    }

    @Test
    void everyTypeAMapperProducesIsOneSubscribersCanChoose() {
        var cancelled = new OrderCancelled("order-4", CancellationReason.CUSTOMER_REQUEST, "changed my mind");

        IntegrationEvent event = IntegrationEventMapper.map(GenericEventMessage.asEventMessage(cancelled))
                .orElseThrow();

        assertThat(EventTypes.isKnown(event.type())).isTrue();
        assertThat(event.data())
                .isEqualTo(new IntegrationEventData.OrderCancelled("CUSTOMER_REQUEST", "changed my mind", "CUSTOMER"));
    }
}
