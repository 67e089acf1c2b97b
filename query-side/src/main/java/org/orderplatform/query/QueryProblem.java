package org.orderplatform.query;

import org.orderplatform.web.problem.ProblemType;
import org.springframework.http.HttpStatus;

/** The problems of the read side: an order not (yet) shown, a projection that is unknown or busy. */
public enum QueryProblem implements ProblemType {
    ORDER_NOT_FOUND("order-not-found", HttpStatus.NOT_FOUND, "Order not found", "No order has this id."),
    PROJECTION_NOT_FOUND(
            "projection-not-found", HttpStatus.NOT_FOUND, "Projection not found", "No projection has this name."),
    PROJECTION_BUSY(
            "projection-busy",
            HttpStatus.CONFLICT,
            "Projection busy",
            "The projection is already being replayed or rebuilt, or another node holds its segments.");

    private final Definition definition;

    QueryProblem(String slug, HttpStatus status, String title, String description) {
        this.definition = new Definition(slug, status, title, description);
    }

    @Override
    public Definition definition() {
        return definition;
    }
}
