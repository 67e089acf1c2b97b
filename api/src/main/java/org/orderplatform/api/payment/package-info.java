/**
 * The payment of one order at the payment provider: authorized, then captured on shipment, or
 * voided when the order is cancelled. Provider trouble is an event too, so the saga can retry.
 */
package org.orderplatform.api.payment;
