package org.orderplatform.command.order;

import static org.orderplatform.command.order.OrderMother.BERLIN;
import static org.orderplatform.command.order.OrderMother.ORDER_ID;
import static org.orderplatform.command.order.OrderMother.PARIS;
import static org.orderplatform.command.order.OrderMother.orderPlaced;
import static org.orderplatform.command.order.OrderMother.placeOrder;
import static org.orderplatform.command.order.OrderMother.placeOrderWith;

import java.util.List;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.orderplatform.api.order.CancelOrderByCustomerCommand;
import org.orderplatform.api.order.CancelOrderCommand;
import org.orderplatform.api.order.CancellationReason;
import org.orderplatform.api.order.ChangeShippingAddressCommand;
import org.orderplatform.api.order.ConfirmOrderCommand;
import org.orderplatform.api.order.MarkOrderDeliveredCommand;
import org.orderplatform.api.order.MarkOrderShippedCommand;
import org.orderplatform.api.order.OrderCancelled;
import org.orderplatform.api.order.OrderConfirmed;
import org.orderplatform.api.order.OrderDelivered;
import org.orderplatform.api.order.OrderLine;
import org.orderplatform.api.order.OrderShipped;
import org.orderplatform.api.order.PlaceOrderCommand;
import org.orderplatform.api.order.ShippingAddress;
import org.orderplatform.api.order.ShippingAddressChanged;

class OrderTest {

    private FixtureConfiguration<Order> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Order.class);
    }

    @Test
    void placesAnOrderWithItsTotalAndAnswersVersionZero() {
        fixture.givenNoPriorActivity()
                .when(placeOrder())
                .expectSuccessfulHandlerExecution()
                .expectEvents(orderPlaced())
                .expectResultMessagePayload(0L);
    }

    @Test
    void rejectsAnOrderWithoutLines() {
        fixture.givenNoPriorActivity()
                .when(placeOrderWith(List.of()))
                .expectException(InvalidOrderException.class)
                .expectExceptionMessage("lines must hold 1 to 100 lines")
                .expectNoEvents();
    }

    @Test
    void acceptsOneHundredLinesButNotOneHundredAndOne() {
        fixture.givenNoPriorActivity()
                .when(placeOrderWith(OrderMother.lines(100)))
                .expectSuccessfulHandlerExecution();
        new AggregateTestFixture<>(Order.class)
                .givenNoPriorActivity()
                .when(placeOrderWith(OrderMother.lines(101)))
                .expectException(InvalidOrderException.class)
                .expectNoEvents();
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 0, 1000})
    void rejectsQuantitiesOutsideOneTo999(int quantity) {
        fixture.givenNoPriorActivity()
                .when(placeOrderWith(List.of(new OrderLine("SKU-1", quantity, 100))))
                .expectException(InvalidOrderException.class)
                .expectExceptionMessage("lines[0].quantity must be between 1 and 999")
                .expectNoEvents();
    }

    @Test
    void rejectsANegativeUnitPrice() {
        fixture.givenNoPriorActivity()
                .when(placeOrderWith(List.of(new OrderLine("SKU-1", 1, -1))))
                .expectException(InvalidOrderException.class)
                .expectNoEvents();
    }

    @Test
    void rejectsTheSameSkuOnTwoLines() {
        fixture.givenNoPriorActivity()
                .when(placeOrderWith(List.of(new OrderLine("SKU-1", 1, 100), new OrderLine("SKU-1", 2, 100))))
                .expectException(InvalidOrderException.class)
                .expectExceptionMessage("lines[1].sku appears on more than one line")
                .expectNoEvents();
    }

    @ParameterizedTest
    @ValueSource(strings = {"EUX", "eur", "XXX", ""})
    void rejectsACurrencyThatIsNotIso4217(String currency) {
        fixture.givenNoPriorActivity()
                .when(new PlaceOrderCommand(ORDER_ID, "customer-7", currency, OrderMother.LINES, BERLIN, null))
                .expectException(InvalidOrderException.class)
                .expectExceptionMessage("currency must be an ISO 4217 currency code")
                .expectNoEvents();
    }

    @Test
    void rejectsACustomerIdWithCharactersOutsideThePattern() {
        fixture.givenNoPriorActivity()
                .when(new PlaceOrderCommand(ORDER_ID, "bad id!", "EUR", OrderMother.LINES, BERLIN, null))
                .expectException(InvalidOrderException.class)
                .expectNoEvents();
    }

    @Test
    void rejectsAnAddressInAnUnknownCountry() {
        ShippingAddress nowhere = new ShippingAddress("Ada", "1 Main St", null, "Nowhere", null, "1", "XX");
        fixture.givenNoPriorActivity()
                .when(new PlaceOrderCommand(ORDER_ID, "customer-7", "EUR", OrderMother.LINES, nowhere, null))
                .expectException(InvalidOrderException.class)
                .expectExceptionMessage("shippingAddress.country must be an ISO 3166-1 alpha-2 country code")
                .expectNoEvents();
    }

    @Test
    void rejectsAnOrderWithoutShippingAddress() {
        fixture.givenNoPriorActivity()
                .when(new PlaceOrderCommand(ORDER_ID, "customer-7", "EUR", OrderMother.LINES, null, null))
                .expectException(InvalidOrderException.class)
                .expectNoEvents();
    }

    @Test
    void changesTheShippingAddressAndAnswersTheNewVersion() {
        fixture.given(orderPlaced())
                .when(new ChangeShippingAddressCommand(ORDER_ID, 0L, PARIS))
                .expectEvents(new ShippingAddressChanged(ORDER_ID, PARIS))
                .expectResultMessagePayload(1L);
    }

    @Test
    void changingToTheCurrentAddressRecordsNothing() {
        fixture.given(orderPlaced())
                .when(new ChangeShippingAddressCommand(ORDER_ID, 0L, BERLIN))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(0L);
    }

    @Test
    void rejectsAChangeBasedOnAnOlderVersion() {
        fixture.given(orderPlaced(), new ShippingAddressChanged(ORDER_ID, PARIS))
                .when(new ChangeShippingAddressCommand(ORDER_ID, 0L, BERLIN))
                .expectException(ConflictingAggregateVersionException.class)
                .expectNoEvents();
    }

    @Test
    void rejectsAChangeBasedOnAnOlderVersionBeforeCheckingTheOrdersState() {
        fixture.given(orderPlaced(), new OrderCancelled(ORDER_ID, CancellationReason.CUSTOMER_REQUEST, null))
                .when(new CancelOrderByCustomerCommand(ORDER_ID, 0L, null))
                .expectException(ConflictingAggregateVersionException.class)
                .expectNoEvents();
    }

    @Test
    void rejectsAChangeBasedOnAVersionTheOrderHasNotReached() {
        fixture.given(orderPlaced())
                .when(new ChangeShippingAddressCommand(ORDER_ID, 3L, PARIS))
                .expectException(ConflictingAggregateVersionException.class)
                .expectNoEvents();
    }

    @Test
    void aChangeWithoutExpectedVersionAppliesToTheCurrentOne() {
        fixture.given(orderPlaced(), new ShippingAddressChanged(ORDER_ID, PARIS))
                .when(new ChangeShippingAddressCommand(ORDER_ID, null, BERLIN))
                .expectEvents(new ShippingAddressChanged(ORDER_ID, BERLIN))
                .expectResultMessagePayload(2L);
    }

    @Test
    void rejectsAnAddressChangeWithoutRecipient() {
        ShippingAddress noRecipient = new ShippingAddress(" ", "1 Main St", null, "Berlin", null, "10117", "DE");
        fixture.given(orderPlaced())
                .when(new ChangeShippingAddressCommand(ORDER_ID, 0L, noRecipient))
                .expectException(InvalidOrderException.class)
                .expectExceptionMessage("shippingAddress.recipient is required")
                .expectNoEvents();
    }

    @Test
    void rejectsAnAddressChangeOfACancelledOrder() {
        fixture.given(orderPlaced(), new OrderCancelled(ORDER_ID, CancellationReason.CUSTOMER_REQUEST, null))
                .when(new ChangeShippingAddressCommand(ORDER_ID, 1L, PARIS))
                .expectException(OrderStateConflictException.class)
                .expectExceptionMessage("Cannot change the shipping address of order " + ORDER_ID + ": it is CANCELLED")
                .expectNoEvents();
    }

    @Test
    void cancelsAtTheCustomersRequestKeepingTheirComment() {
        fixture.given(orderPlaced())
                .when(new CancelOrderByCustomerCommand(ORDER_ID, 0L, "found it cheaper"))
                .expectEvents(new OrderCancelled(ORDER_ID, CancellationReason.CUSTOMER_REQUEST, "found it cheaper"))
                .expectResultMessagePayload(1L);
    }

    @Test
    void rejectsCancellingTwice() {
        fixture.given(orderPlaced(), new OrderCancelled(ORDER_ID, CancellationReason.CUSTOMER_REQUEST, null))
                .when(new CancelOrderByCustomerCommand(ORDER_ID, 1L, null))
                .expectException(OrderStateConflictException.class)
                .expectNoEvents();
    }

    @Test
    void rejectsACancellationCommentOverFiveHundredCharacters() {
        fixture.given(orderPlaced())
                .when(new CancelOrderByCustomerCommand(ORDER_ID, 0L, "x".repeat(501)))
                .expectException(InvalidOrderException.class)
                .expectNoEvents();
    }

    @Test
    void theSagaConfirmsAPlacedOrderOnce() {
        fixture.given(orderPlaced()).when(new ConfirmOrderCommand(ORDER_ID)).expectEvents(new OrderConfirmed(ORDER_ID));
        new AggregateTestFixture<>(Order.class)
                .given(orderPlaced(), new OrderConfirmed(ORDER_ID))
                .when(new ConfirmOrderCommand(ORDER_ID))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aConfirmationAfterTheCustomerCancelledChangesNothing() {
        fixture.given(orderPlaced(), new OrderCancelled(ORDER_ID, CancellationReason.CUSTOMER_REQUEST, null))
                .when(new ConfirmOrderCommand(ORDER_ID))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aShippedOrderCannotBeConfirmedAgainIntoAnEarlierState() {
        fixture.given(orderPlaced(), new OrderConfirmed(ORDER_ID), new OrderShipped(ORDER_ID))
                .when(new ConfirmOrderCommand(ORDER_ID))
                .expectException(OrderStateConflictException.class)
                .expectNoEvents();
    }

    @Test
    void shipsAConfirmedOrderAndDeliversIt() {
        fixture.given(orderPlaced(), new OrderConfirmed(ORDER_ID))
                .when(new MarkOrderShippedCommand(ORDER_ID, 1L))
                .expectEvents(new OrderShipped(ORDER_ID))
                .expectResultMessagePayload(2L);
        new AggregateTestFixture<>(Order.class)
                .given(orderPlaced(), new OrderConfirmed(ORDER_ID), new OrderShipped(ORDER_ID))
                .when(new MarkOrderDeliveredCommand(ORDER_ID, 2L))
                .expectEvents(new OrderDelivered(ORDER_ID));
    }

    @Test
    void anUnconfirmedOrderCannotShip() {
        fixture.given(orderPlaced())
                .when(new MarkOrderShippedCommand(ORDER_ID, 0L))
                .expectException(OrderStateConflictException.class)
                .expectNoEvents();
    }

    @Test
    void anOrderThatDidNotShipCannotBeDelivered() {
        fixture.given(orderPlaced(), new OrderConfirmed(ORDER_ID))
                .when(new MarkOrderDeliveredCommand(ORDER_ID, 1L))
                .expectException(OrderStateConflictException.class)
                .expectNoEvents();
    }

    @Test
    void theCustomerMayCancelAConfirmedOrderButNotAShippedOne() {
        fixture.given(orderPlaced(), new OrderConfirmed(ORDER_ID))
                .when(new CancelOrderByCustomerCommand(ORDER_ID, 1L, null))
                .expectEvents(new OrderCancelled(ORDER_ID, CancellationReason.CUSTOMER_REQUEST, null));
        new AggregateTestFixture<>(Order.class)
                .given(orderPlaced(), new OrderConfirmed(ORDER_ID), new OrderShipped(ORDER_ID))
                .when(new CancelOrderByCustomerCommand(ORDER_ID, 2L, null))
                .expectException(OrderStateConflictException.class)
                .expectNoEvents();
    }

    @Test
    void aShippedOrderGetsNoNewAddress() {
        fixture.given(orderPlaced(), new OrderConfirmed(ORDER_ID), new OrderShipped(ORDER_ID))
                .when(new ChangeShippingAddressCommand(ORDER_ID, 2L, PARIS))
                .expectException(OrderStateConflictException.class)
                .expectNoEvents();
    }

    @Test
    void thePlatformCancelsWithItsReasonAndOnlyOnce() {
        fixture.given(orderPlaced())
                .when(new CancelOrderCommand(ORDER_ID, CancellationReason.OUT_OF_STOCK, "SKU-1"))
                .expectEvents(new OrderCancelled(ORDER_ID, CancellationReason.OUT_OF_STOCK, "SKU-1"));
        new AggregateTestFixture<>(Order.class)
                .given(orderPlaced(), new OrderCancelled(ORDER_ID, CancellationReason.CUSTOMER_REQUEST, null))
                .when(new CancelOrderCommand(ORDER_ID, CancellationReason.PAYMENT_TIMEOUT, null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }
}
