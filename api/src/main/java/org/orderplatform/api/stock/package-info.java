/**
 * Stock of one product (SKU): registered, replenished, reserved per order, released or committed.
 * A reservation per (order, SKU) is idempotent; lack of stock is an event, not an exception.
 */
package org.orderplatform.api.stock;
