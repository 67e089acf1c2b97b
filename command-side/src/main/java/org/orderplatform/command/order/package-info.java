/**
 * The {@link org.orderplatform.command.order.Order} aggregate and its REST command API
 * ({@code /api/v1/orders}): placing an order, changing its shipping address, cancelling it.
 */
package org.orderplatform.command.order;
