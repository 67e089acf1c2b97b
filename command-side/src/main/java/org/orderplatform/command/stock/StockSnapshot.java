package org.orderplatform.command.stock;

/** What the admin API shows of a product's stock. */
public record StockSnapshot(boolean registered, long available, long reserved, int openReservations) {}
