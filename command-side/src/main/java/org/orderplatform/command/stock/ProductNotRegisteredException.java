package org.orderplatform.command.stock;

public class ProductNotRegisteredException extends RuntimeException {
    public ProductNotRegisteredException(String sku) {
        super("No product " + sku + " is registered");
    }
}
