package org.orderplatform.command.stock.web;

import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.Repository;
import org.orderplatform.api.stock.StockIds;
import org.orderplatform.command.CommandProblem;
import org.orderplatform.command.stock.Stock;
import org.orderplatform.command.stock.StockSnapshot;
import org.orderplatform.web.problem.ProblemException;
import org.springframework.stereotype.Component;

/**
 * Reads a product's stock from its aggregate. Admins need the exact figure (it decides whether
 * orders fail for lack of stock), and there is one aggregate per SKU, so loading it is cheap.
 */
@Component
class StockReader {

    private final Repository<Stock> repository;

    StockReader(Repository<Stock> repository) {
        this.repository = repository;
    }

    StockView of(String sku) {
        StockSnapshot snapshot = DefaultUnitOfWork.startAndGet(null)
                .executeWithResult(() -> repository.load(StockIds.of(sku)).invoke(Stock::snapshot))
                .getPayload();
        if (snapshot == null || !snapshot.registered()) {
            throw new ProblemException(CommandProblem.PRODUCT_NOT_FOUND, "No product " + sku + " is registered");
        }
        return new StockView(sku, snapshot.available(), snapshot.reserved(), snapshot.openReservations());
    }
}
