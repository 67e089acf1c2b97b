package org.orderplatform.command.stock.web;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.orderplatform.command.CommandProblem;
import org.orderplatform.command.stock.ProductAlreadyRegisteredException;
import org.orderplatform.command.stock.ProductNotRegisteredException;
import org.orderplatform.web.problem.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

@RestControllerAdvice(assignableTypes = StockAdminController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class StockAdminExceptionHandler {

    @ExceptionHandler({ProductNotRegisteredException.class, AggregateNotFoundException.class})
    ResponseEntity<ProblemDetail> notFound(RuntimeException e) {
        return Problems.response(CommandProblem.PRODUCT_NOT_FOUND, "No such product is registered");
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> registered(ProductAlreadyRegisteredException e) {
        return Problems.response(CommandProblem.PRODUCT_ALREADY_REGISTERED, e.getMessage());
    }
}
