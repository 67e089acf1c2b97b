package org.orderplatform.command.stock.web;

/** A product's stock as the write model has it now: free units and units held for orders. */
record StockView(String sku, long available, long reserved, int openReservations) {}
