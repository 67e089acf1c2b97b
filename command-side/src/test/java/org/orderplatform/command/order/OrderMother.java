package org.orderplatform.command.order;

import java.util.List;
import java.util.stream.IntStream;
import org.orderplatform.api.order.OrderLine;
import org.orderplatform.api.order.OrderPlaced;
import org.orderplatform.api.order.PlaceOrderCommand;
import org.orderplatform.api.order.ShippingAddress;

/** Valid orders and their parts, to be varied one field at a time by each test. */
final class OrderMother {

    static final String ORDER_ID = "0b9f4f5e-2c1d-4d7e-9a51-6f0c2f3a7b10";
    static final ShippingAddress BERLIN =
            new ShippingAddress("Ada Lovelace", "Unter den Linden 1", null, "Berlin", null, "10117", "DE");
    static final ShippingAddress PARIS =
            new ShippingAddress("Ada Lovelace", "1 Rue de Rivoli", "Apt 4", "Paris", "IDF", "75001", "FR");
    static final List<OrderLine> LINES = List.of(new OrderLine("SKU-1", 2, 1999), new OrderLine("SKU-2", 1, 500));

    private OrderMother() {}

    static PlaceOrderCommand placeOrder() {
        return new PlaceOrderCommand(ORDER_ID, "customer-7", "EUR", LINES, BERLIN, "tok_visa");
    }

    static PlaceOrderCommand placeOrderWith(List<OrderLine> lines) {
        return new PlaceOrderCommand(ORDER_ID, "customer-7", "EUR", lines, BERLIN, "tok_visa");
    }

    static OrderPlaced orderPlaced() {
        return new OrderPlaced(ORDER_ID, "customer-7", "EUR", LINES, BERLIN, 2 * 1999 + 500, "tok_visa");
    }

    static List<OrderLine> lines(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> new OrderLine("SKU-" + i, 1, 100))
                .toList();
    }
}
