/**
 * REST command API for orders ({@code /api/v1/orders}): validates requests so bad input never
 * reaches the aggregate, sends commands, and maps the aggregate's answers to HTTP.
 */
package org.orderplatform.command.order.web;
