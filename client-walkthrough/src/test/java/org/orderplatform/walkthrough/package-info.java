/**
 * The README walkthrough through the client generated from {@code docs/openapi.json}: the
 * platform started once, every step a test, in the README's order.
 */
package org.orderplatform.walkthrough;
