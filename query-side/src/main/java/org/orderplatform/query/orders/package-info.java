/**
 * Orders on the read side: the order-summary projection (list queries with keyset pagination),
 * the order-detail projection (one order with its timeline) and their REST API.
 */
package org.orderplatform.query.orders;
