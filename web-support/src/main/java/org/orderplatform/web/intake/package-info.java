/**
 * Backpressure on intake: a bulkhead bounds the changes (POST, PUT, PATCH, DELETE under
 * {@code /api/}) a node handles at once. When it is full a request is refused at once with a 503
 * and {@code Retry-After}, instead of queueing for threads and database connections; and
 * readiness goes DOWN while the node is saturated, so a load balancer sends elsewhere.
 */
package org.orderplatform.web.intake;
