package org.orderplatform.command.stock;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orderplatform.api.stock.AddStockCommand;
import org.orderplatform.api.stock.CommitStockCommand;
import org.orderplatform.api.stock.ProductRegistered;
import org.orderplatform.api.stock.RegisterProductCommand;
import org.orderplatform.api.stock.ReleaseStockCommand;
import org.orderplatform.api.stock.ReserveStockCommand;
import org.orderplatform.api.stock.StockAdded;
import org.orderplatform.api.stock.StockCommitted;
import org.orderplatform.api.stock.StockIds;
import org.orderplatform.api.stock.StockReleased;
import org.orderplatform.api.stock.StockReservationFailed;
import org.orderplatform.api.stock.StockReserved;

class StockTest {

    private static final String SKU = "KEYBOARD-DE";
    private static final String ID = StockIds.of(SKU);

    private FixtureConfiguration<Stock> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Stock.class);
    }

    @Test
    void registersAProductWithNoStock() {
        fixture.givenNoPriorActivity()
                .when(new RegisterProductCommand(ID, SKU, "Keyboard"))
                .expectEvents(new ProductRegistered(ID, SKU, "Keyboard"));
    }

    @Test
    void refusesToRegisterASkuTwice() {
        fixture.given(new ProductRegistered(ID, SKU, "Keyboard"))
                .when(new RegisterProductCommand(ID, SKU, "Keyboard"))
                .expectException(ProductAlreadyRegisteredException.class)
                .expectNoEvents();
    }

    @Test
    void addsStockAndAnswersWhatIsAvailable() {
        fixture.given(new ProductRegistered(ID, SKU, "Keyboard"), new StockAdded(ID, SKU, 5, 5))
                .when(new AddStockCommand(ID, SKU, 3))
                .expectEvents(new StockAdded(ID, SKU, 3, 8))
                .expectResultMessagePayload(8L);
    }

    @Test
    void refusesToAddStockToAnUnregisteredProduct() {
        fixture.given(new StockReservationFailed(ID, SKU, "order-1", 1, 0, "unknown_sku"))
                .when(new AddStockCommand(ID, SKU, 3))
                .expectException(ProductNotRegisteredException.class)
                .expectNoEvents();
    }

    @Test
    void reservesWhatIsAvailable() {
        fixture.given(new ProductRegistered(ID, SKU, "Keyboard"), new StockAdded(ID, SKU, 5, 5))
                .when(new ReserveStockCommand(ID, SKU, "order-1", 5))
                .expectEvents(new StockReserved(ID, SKU, "order-1", 5, 0));
    }

    @Test
    void reservingTwiceForTheSameOrderDoesNotCountTwice() {
        fixture.given(
                        new ProductRegistered(ID, SKU, "Keyboard"),
                        new StockAdded(ID, SKU, 5, 5),
                        new StockReserved(ID, SKU, "order-1", 2, 3))
                .when(new ReserveStockCommand(ID, SKU, "order-1", 2))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aReservationOfNothingIsRefused() {
        fixture.given(new ProductRegistered(ID, SKU, "Keyboard"), new StockAdded(ID, SKU, 5, 5))
                .when(new ReserveStockCommand(ID, SKU, "order-1", 0))
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
    }

    @Test
    void aReservationBeyondTheStockFailsAsAnEventAndTakesNothing() {
        fixture.given(new ProductRegistered(ID, SKU, "Keyboard"), new StockAdded(ID, SKU, 5, 5))
                .when(new ReserveStockCommand(ID, SKU, "order-1", 6))
                .expectEvents(new StockReservationFailed(ID, SKU, "order-1", 6, 5, "insufficient_stock"));
    }

    @Test
    void aReservationOfAnUnknownSkuFailsAsAnEvent() {
        fixture.givenNoPriorActivity()
                .when(new ReserveStockCommand(ID, SKU, "order-1", 1))
                .expectEvents(new StockReservationFailed(ID, SKU, "order-1", 1, 0, "unknown_sku"));
    }

    @Test
    void anUnknownSkuCanBeRegisteredAfterAFailedReservation() {
        fixture.given(new StockReservationFailed(ID, SKU, "order-1", 1, 0, "unknown_sku"))
                .when(new RegisterProductCommand(ID, SKU, "Keyboard"))
                .expectEvents(new ProductRegistered(ID, SKU, "Keyboard"));
    }

    @Test
    void releasingGivesTheUnitsBack() {
        fixture.given(
                        new ProductRegistered(ID, SKU, "Keyboard"),
                        new StockAdded(ID, SKU, 5, 5),
                        new StockReserved(ID, SKU, "order-1", 2, 3))
                .when(new ReleaseStockCommand(ID, SKU, "order-1"))
                .expectEvents(new StockReleased(ID, SKU, "order-1", 2, 5));
    }

    @Test
    void releasingTwiceOrWithoutReservationChangesNothing() {
        fixture.given(
                        new ProductRegistered(ID, SKU, "Keyboard"),
                        new StockAdded(ID, SKU, 5, 5),
                        new StockReserved(ID, SKU, "order-1", 2, 3),
                        new StockReleased(ID, SKU, "order-1", 2, 5))
                .when(new ReleaseStockCommand(ID, SKU, "order-1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void committingTakesTheReservedUnitsForGood() {
        fixture.given(
                        new ProductRegistered(ID, SKU, "Keyboard"),
                        new StockAdded(ID, SKU, 5, 5),
                        new StockReserved(ID, SKU, "order-1", 2, 3))
                .when(new CommitStockCommand(ID, SKU, "order-1"))
                .expectEvents(new StockCommitted(ID, SKU, "order-1", 2));
    }

    @Test
    void aCommittedReservationCannotBeReleased() {
        fixture.given(
                        new ProductRegistered(ID, SKU, "Keyboard"),
                        new StockAdded(ID, SKU, 5, 5),
                        new StockReserved(ID, SKU, "order-1", 2, 3),
                        new StockCommitted(ID, SKU, "order-1", 2))
                .when(new ReleaseStockCommand(ID, SKU, "order-1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }
}
