package org.orderplatform.command.order.web;

import java.util.List;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.orderplatform.command.CommandProblem;
import org.orderplatform.command.order.InvalidOrderException;
import org.orderplatform.command.order.OrderStateConflictException;
import org.orderplatform.web.problem.Problems;
import org.orderplatform.web.problem.StandardProblem;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The order aggregate's answers, as problems. Runs before the generic handler. */
@RestControllerAdvice(assignableTypes = OrderCommandController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class OrderCommandExceptionHandler {

    @ExceptionHandler
    ResponseEntity<ProblemDetail> invalid(InvalidOrderException e) {
        String message = e.getMessage().substring(e.field().length() + 1);
        return Problems.response(Problems.validation(List.of(new Problems.FieldError(e.field(), message))));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> stateConflict(OrderStateConflictException e) {
        ProblemDetail problem = Problems.detail(CommandProblem.ORDER_STATE_CONFLICT, e.getMessage());
        problem.setProperty("orderStatus", e.status());
        return Problems.response(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> notFound(AggregateNotFoundException e) {
        return Problems.response(CommandProblem.ORDER_NOT_FOUND, "No order with id " + e.getAggregateIdentifier());
    }

    /** This node saw a newer version than the client's If-Match. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> staleVersion(ConflictingAggregateVersionException e) {
        ProblemDetail problem = Problems.detail(
                StandardProblem.PRECONDITION_FAILED,
                "The order is at version " + e.getActualVersion() + ", not " + e.getExpectedVersion());
        problem.setProperty("currentVersion", e.getActualVersion());
        return Problems.response(problem);
    }

    /** Another node appended the same sequence number first: the event store's unique key said no. */
    @ExceptionHandler({ConcurrencyException.class, AggregateStreamCreationException.class})
    ResponseEntity<ProblemDetail> concurrentWrite(RuntimeException e) {
        return Problems.response(
                StandardProblem.CONCURRENT_MODIFICATION,
                "Another request changed this order at the same moment; fetch it and retry");
    }
}
