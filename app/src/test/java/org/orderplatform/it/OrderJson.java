package org.orderplatform.it;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Request bodies: a valid order and address, to be changed one field at a time by each test. */
final class OrderJson {

    private OrderJson() {}

    static ObjectNode valid() {
        ObjectNode order = Api.JSON.createObjectNode();
        order.put("customerId", "customer-42");
        order.put("currency", "EUR");
        order.put("paymentToken", "tok_visa");
        ArrayNode lines = order.putArray("lines");
        lines.add(line("SKU-1", 2, 1999));
        lines.add(line("SKU-2", 1, 500));
        order.set("shippingAddress", berlin());
        return order;
    }

    static ObjectNode line(String sku, int quantity, long unitPriceMinor) {
        ObjectNode line = Api.JSON.createObjectNode();
        line.put("sku", sku);
        line.put("quantity", quantity);
        line.put("unitPriceMinor", unitPriceMinor);
        return line;
    }

    static ObjectNode berlin() {
        ObjectNode address = Api.JSON.createObjectNode();
        address.put("recipient", "Ada Lovelace");
        address.put("line1", "Unter den Linden 1");
        address.put("city", "Berlin");
        address.put("postalCode", "10117");
        address.put("country", "DE");
        return address;
    }

    static ObjectNode paris() {
        ObjectNode address = Api.JSON.createObjectNode();
        address.put("recipient", "Ada Lovelace");
        address.put("line1", "1 Rue de Rivoli");
        address.put("city", "Paris");
        address.put("postalCode", "75001");
        address.put("country", "FR");
        return address;
    }

    static ObjectNode address(String line1) {
        return paris().put("line1", line1);
    }
}
