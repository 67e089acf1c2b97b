package org.orderplatform.command.stock;

public class ProductAlreadyRegisteredException extends RuntimeException {
    public ProductAlreadyRegisteredException(String sku) {
        super("Product " + sku + " is already registered");
    }
}
