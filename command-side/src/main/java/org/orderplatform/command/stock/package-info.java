/**
 * The {@link org.orderplatform.command.stock.Stock} aggregate (one per SKU) and its admin API
 * ({@code /admin/products}): register products, add stock, and the reservations the fulfilment
 * saga makes, releases and commits.
 */
package org.orderplatform.command.stock;
