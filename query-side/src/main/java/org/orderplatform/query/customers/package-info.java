/** Per-customer order statistics: the customer-stats projection and {@code GET /api/v1/customers/{id}/order-stats}. */
package org.orderplatform.query.customers;
