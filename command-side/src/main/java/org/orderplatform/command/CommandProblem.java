package org.orderplatform.command;

import org.orderplatform.web.problem.ProblemType;
import org.springframework.http.HttpStatus;

/** The order and stock problems of the command side. */
public enum CommandProblem implements ProblemType {
    PRODUCT_NOT_FOUND("product-not-found", HttpStatus.NOT_FOUND, "Product not found", "No product has this SKU."),
    PRODUCT_ALREADY_REGISTERED(
            "product-already-registered",
            HttpStatus.CONFLICT,
            "Product already registered",
            "A product with this SKU exists; add stock to it instead."),
    ORDER_NOT_FOUND("order-not-found", HttpStatus.NOT_FOUND, "Order not found", "No order has this id."),
    ORDER_STATE_CONFLICT(
            "order-state-conflict",
            HttpStatus.CONFLICT,
            "Order cannot change",
            "The order's status does not allow this change (for example, it is cancelled).");

    private final Definition definition;

    CommandProblem(String slug, HttpStatus status, String title, String description) {
        this.definition = new Definition(slug, status, title, description);
    }

    @Override
    public Definition definition() {
        return definition;
    }
}
